import { Hono, type Context } from 'hono';
import { renderConsentPage, renderErrorPage } from '../consent-page';
import { readParams } from '../common/params';
import { chooseRedirect, isHttpUrl, sameUri, withParams } from '../common/redirect';
import type { HubspotState, PendingHubspotAuthorization } from './state';

const PATH = '/oauth/authorize';

/**
 * app.hubspot.com's install page: `GET /oauth/authorize?client_id&redirect_uri&scope
 * [&optional_scope][&state][&code_challenge]`. Scopes are space-separated; granted
 * optional scopes are included in the token's `scopes`.
 */
export function authorizeRoutes(state: HubspotState): Hono {
  const app = new Hono();

  app.get(PATH, (c) => {
    state.core.stats.authorizePageViews++;
    const q = c.req.query();
    const refuse = (detail: string) => c.html(renderErrorPage('HubSpot', 'Authorization failed', detail), 400);
    if (q.client_id !== state.clientId) return refuse("This app couldn't be found. Check the client_id in the install URL.");
    // HubSpot requires redirect_uri and compares it exactly with the app's redirect URLs.
    if (!isHttpUrl(q.redirect_uri)) return refuse('The install URL is missing a valid redirect_uri.');
    const chosen = chooseRedirect(state.redirectUris, q.redirect_uri, sameUri);
    if (!chosen.ok) return refuse("The redirect_uri doesn't match the app's redirect URLs.");
    const redirectUri = chosen.uri;
    const scopes = [q.scope, q.optional_scope].flatMap((s) => (s ?? '').split(/[\s+]+/)).filter(Boolean);
    if (scopes.length === 0) return refuse('The install URL must request at least one scope.');
    const request: PendingHubspotAuthorization = {
      redirectUri,
      scopes,
      state: q.state,
      codeChallenge: q.code_challenge ?? null,
      codeChallengeMethod: q.code_challenge === undefined ? null : (q.code_challenge_method ?? 'plain'),
    };
    if (state.autoApprove) return approve(state, c, request);
    const { user, account } = state.install;
    return c.html(renderConsentPage({
      provider: 'HubSpot',
      appName: state.appName,
      scopes,
      account: `${user.email} · account ${account.portalId}`,
      redirectUri,
      action: PATH,
      requestId: state.core.pending.add(request),
    }));
  });

  app.post(PATH, async (c) => {
    const form = await readParams(c);
    const request = state.core.pending.take(form.request_id);
    if (!request) return c.html(renderErrorPage('HubSpot', 'Authorization expired', 'Start the install again.'), 400);
    if (form.decision === 'approve') return approve(state, c, request);
    state.core.stats.denials++;
    return c.redirect(withParams(request.redirectUri, {
      error: 'access_denied',
      error_description: 'The user declined to install the app.',
      state: request.state,
    }));
  });

  return app;
}

function approve(state: HubspotState, c: Context, request: PendingHubspotAuthorization): Response {
  state.core.stats.approvals++;
  const code = state.core.codes.issue({
    clientId: state.clientId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    account: state.install,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
  });
  return c.redirect(withParams(request.redirectUri, { code, state: request.state }));
}
