import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * The server's own HTML pages (today only the OAuth result page) share one stylesheet,
 * so the Content-Security-Policy can allow exactly that stylesheet by its hash and
 * nothing else: no script, no inline style an injection could add, no external load.
 */
const stylesheet = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { display: grid; place-items: center; min-height: 90vh; margin: 0; }
main { max-width: 28rem; padding: 2rem; border-radius: 12px; border: 1px solid #8884; }
h1 { font-size: 1.25rem; margin: 0 0 .5rem; color: #b35900; }
main[data-ok="true"] h1 { color: #1a7f37; }
p { line-height: 1.5; margin: .5rem 0; }
small { opacity: .7; }
`;

const styleHash = `'sha256-${createHash('sha256').update(stylesheet).digest('base64')}'`;

/** The policy every HTML page is sent with (see `html-security-headers.ts`). */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  `style-src ${styleHash}`,
  "img-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A whole page around `body`. Every value in `title` and `body` must come through hono's
 * `html` tag, which escapes it.
 *
 * @example htmlPage('Weft · Connected', html`<main><h1>${title}</h1></main>`)
 */
export function htmlPage(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <style>${raw(stylesheet)}</style>
  </head>
  <body>
    ${body}
  </body>
</html>`;
}
