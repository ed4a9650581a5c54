import { Hono, type Context } from 'hono';
import { renderConsentPage, renderErrorPage } from '../consent-page';
import { readParams } from '../common/params';
import { chooseRedirect, sameUri, withParams } from '../common/redirect';
import type { PendingSlackAuthorization, SlackState } from './state';

const PATH = '/oauth/v2/authorize';
const splitScopes = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * slack.com's install page: `GET /oauth/v2/authorize?client_id&scope&user_scope
 * [&redirect_uri][&state]`. Bot scopes are comma-separated. A denial comes back as
 * `error=access_denied&state=…` with no description, as Slack sends it.
 */
export function authorizeRoutes(state: SlackState): Hono {
  const app = new Hono();

  app.get(PATH, (c) => {
    state.core.stats.authorizePageViews++;
    const q = c.req.query();
    const refuse = (heading: string, detail: string) => c.html(renderErrorPage('Slack', heading, detail), 400);
    if (q.client_id !== state.clientId) return refuse('invalid_client_id', 'The app you are trying to install could not be found.');
    // Without redirect_uri Slack uses the app's first Redirect URL; one that is sent must be registered.
    const chosen = chooseRedirect(state.redirectUris, q.redirect_uri, sameUri);
    if (!chosen.ok) return refuse('bad_redirect_uri', 'redirect_uri did not match any configured URIs.');
    const redirectUri = chosen.uri;
    const scopes = splitScopes(q.scope);
    const userScopes = splitScopes(q.user_scope);
    if (scopes.length === 0 && userScopes.length === 0) return refuse('invalid_scope', 'The install link must request at least one scope.');
    const request: PendingSlackAuthorization = {
      redirectUri,
      redirectUriSent: q.redirect_uri ?? null,
      scopes,
      userScopes,
      state: q.state,
      codeChallenge: q.code_challenge ?? null,
      codeChallengeMethod: q.code_challenge === undefined ? null : (q.code_challenge_method ?? 'plain'),
    };
    if (state.autoApprove) return approve(state, c, request);
    const { install } = state;
    return c.html(renderConsentPage({
      provider: 'Slack',
      appName: state.appName,
      scopes: [...scopes, ...userScopes.map((s) => `${s} (as you)`)],
      account: `${install.userName} in ${install.team.name}`,
      redirectUri,
      action: PATH,
      requestId: state.core.pending.add(request),
    }));
  });

  app.post(PATH, async (c) => {
    const form = await readParams(c);
    const request = state.core.pending.take(form.request_id);
    if (!request) return c.html(renderErrorPage('Slack', 'Something went wrong', 'This install request has expired.'), 400);
    if (form.decision === 'approve') return approve(state, c, request);
    state.core.stats.denials++;
    return c.redirect(withParams(request.redirectUri, { error: 'access_denied', state: request.state }));
  });

  return app;
}

function approve(state: SlackState, c: Context, request: PendingSlackAuthorization): Response {
  state.core.stats.approvals++;
  const code = state.core.codes.issue({
    clientId: state.clientId,
    redirectUri: request.redirectUriSent,
    scopes: request.scopes,
    account: { install: state.install, userScopes: request.userScopes },
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
  });
  return c.redirect(withParams(request.redirectUri, { code, state: request.state }));
}
