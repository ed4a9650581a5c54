import { html } from 'hono/html';
import type { OAuthOutcome } from '../../shared/protocol/connections';

const titles: Record<OAuthOutcome, string> = {
  connected: 'Connected',
  denied: 'Access was not granted',
  invalid_state: 'This sign-in link cannot be used',
  exchange_failed: 'The connection could not be completed',
  error: 'Something went wrong',
};

/**
 * The small page an OAuth tab ends on. Every value is interpolated by hono's `html`
 * tag, which escapes it: the message may carry a provider's error text.
 */
export function resultPage(status: OAuthOutcome, providerName: string, message: string) {
  const ok = status === 'connected';
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Weft · ${titles[status]}</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
      body { display: grid; place-items: center; min-height: 90vh; margin: 0; }
      main { max-width: 28rem; padding: 2rem; border-radius: 12px; border: 1px solid #8884; }
      h1 { font-size: 1.25rem; margin: 0 0 .5rem; color: ${ok ? '#1a7f37' : '#b35900'}; }
      p { line-height: 1.5; margin: .5rem 0; }
      small { opacity: .7; }
    </style>
  </head>
  <body>
    <main data-status="${status}">
      <h1>${providerName}: ${titles[status]}</h1>
      <p id="message">${message}</p>
      <p><small>${ok ? 'This tab closes by itself.' : 'You can close this tab and try again from the Weft popup.'}</small></p>
    </main>
  </body>
</html>`;
}
