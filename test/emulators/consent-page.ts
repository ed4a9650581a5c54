/**
 * The HTML a user (or puppeteer) sees at a provider's authorize URL. Kept plain and
 * stable: buttons `#approve` and `#deny` submit one form, so an e2e test clicks exactly
 * what a person would. Every interpolated value is escaped: client_id, scopes and
 * redirect_uri come straight from the query string.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface ConsentPage {
  /** 'GitHub', 'HubSpot', 'Slack' — in the title and heading. */
  provider: string;
  appName: string;
  scopes: readonly string[];
  /** The fake signed-in account, e.g. 'octocat (The Octocat)'. */
  account: string;
  /** Where the user would be sent back to, shown like GitHub's "Authorizing will redirect to …". */
  redirectUri: string;
  /** POST target: the provider's authorize path. */
  action: string;
  requestId: string;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}ul{padding-left:1.2rem}code{background:#f6f8fa;padding:0 .3em;border-radius:4px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #d0d7de;cursor:pointer}
#approve{background:#1f883d;color:#fff;border-color:#1f883d}.muted{color:#59636e;font-size:.9em}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderConsentPage(page: ConsentPage): string {
  const scopes = page.scopes.length
    ? `<ul id="scopes">${page.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`
    : '<p id="scopes">No extra permissions: public information only.</p>';
  return layout(
    `Authorize ${page.appName} · ${page.provider}`,
    `<h1>Authorize <strong id="app-name">${escapeHtml(page.appName)}</strong></h1>` +
      `<p>Signed in to ${escapeHtml(page.provider)} as <strong id="account">${escapeHtml(page.account)}</strong>.</p>` +
      `<p>${escapeHtml(page.appName)} would like permission to:</p>${scopes}` +
      `<form method="post" action="${escapeHtml(page.action)}">` +
      `<input type="hidden" name="request_id" value="${escapeHtml(page.requestId)}">` +
      `<div class="actions"><button type="submit" id="approve" name="decision" value="approve">Approve</button>` +
      `<button type="submit" id="deny" name="decision" value="deny">Deny</button></div></form>` +
      `<p class="muted">Authorizing will redirect to <code id="redirect-uri">${escapeHtml(page.redirectUri)}</code></p>`,
  );
}

/** The provider's own error page for a request it will not redirect (unknown app, bad redirect_uri). */
export function renderErrorPage(provider: string, heading: string, detail: string): string {
  return layout(`${heading} · ${provider}`, `<h1 id="error">${escapeHtml(heading)}</h1><p id="error-detail">${escapeHtml(detail)}</p>`);
}
