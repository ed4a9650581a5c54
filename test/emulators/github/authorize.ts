import { Hono, type Context } from 'hono';
import { renderConsentPage, renderErrorPage } from '../consent-page';
import { readParams } from '../common/params';
import { chooseRedirect, withParams } from '../common/redirect';
import { githubAcceptsRedirect } from './redirect-rule';
import type { GithubState, PendingGithubAuthorization } from './state';

const PATH = '/login/oauth/authorize';
const AUTH_ERRORS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors';

/**
 * github.com's web flow: `GET /login/oauth/authorize` shows the consent page, its form
 * posts back to the same path. https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 */
export function authorizeRoutes(state: GithubState): Hono {
  const app = new Hono();

  app.get(PATH, (c) => {
    state.core.stats.authorizePageViews++;
    const q = c.req.query();
    // GitHub answers an unknown client_id with its plain 404 page, never a redirect.
    if (q.client_id !== state.clientId) {
      return c.html(renderErrorPage('GitHub', '404 – Not Found', 'This is not the web page you are looking for.'), 404);
    }
    const registered = state.redirectUris;
    const chosen = chooseRedirect(registered, q.redirect_uri, githubAcceptsRedirect);
    if (!chosen.ok && chosen.reason !== 'mismatch') {
      const detail = chosen.reason === 'none_registered' ? 'This application has no callback URL.' : 'The redirect_uri is not a URL.';
      return c.html(renderErrorPage('GitHub', 'Invalid redirect_uri', detail), 400);
    }
    // A redirect_uri the app did not register: GitHub sends the browser to the registered
    // callback with the error, never to the unregistered address.
    if (!chosen.ok) {
      return c.redirect(withParams(registered[0]!, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: `${AUTH_ERRORS}/#redirect-uri-mismatch`,
        state: q.state,
      }));
    }
    const redirectUri = chosen.uri;
    // GitHub implements only S256 (July 2025); a plain or missing method is a client bug worth surfacing.
    if (q.code_challenge !== undefined && q.code_challenge_method !== 'S256') {
      return c.html(renderErrorPage('GitHub', 'Invalid PKCE request', 'code_challenge_method must be S256.'), 400);
    }
    const request: PendingGithubAuthorization = {
      clientId: state.clientId,
      redirectUri,
      redirectUriSent: q.redirect_uri ?? null,
      // GitHub Apps ignore `scope`: their tokens carry the app's permissions instead.
      scopes: state.accessTokenTtl === null ? (q.scope ?? '').split(/[\s,]+/).filter(Boolean) : [],
      state: q.state,
      codeChallenge: q.code_challenge ?? null,
      codeChallengeMethod: q.code_challenge === undefined ? null : 'S256',
    };
    if (state.autoApprove) return approve(state, c, request);
    const page = renderConsentPage({
      provider: 'GitHub',
      appName: state.appName,
      scopes: request.scopes,
      account: state.user.name ? `${state.user.login} (${state.user.name})` : state.user.login,
      redirectUri,
      action: PATH,
      requestId: state.core.pending.add(request),
    });
    return c.html(page);
  });

  app.post(PATH, async (c) => {
    const form = await readParams(c);
    const request = state.core.pending.take(form.request_id);
    if (!request) {
      return c.html(renderErrorPage('GitHub', 'Authorization expired', 'This authorization request has expired or was already answered.'), 400);
    }
    if (form.decision === 'approve') return approve(state, c, request);
    state.core.stats.denials++;
    return c.redirect(withParams(request.redirectUri, {
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      error_uri: `${AUTH_ERRORS}/#access-denied`,
      state: request.state,
    }));
  });

  return app;
}

function approve(state: GithubState, c: Context, request: PendingGithubAuthorization): Response {
  state.core.stats.approvals++;
  const code = state.core.codes.issue({
    clientId: request.clientId,
    redirectUri: request.redirectUriSent,
    scopes: request.scopes,
    account: state.user,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
  });
  return c.redirect(withParams(request.redirectUri, { code, state: request.state }));
}
