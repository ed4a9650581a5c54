import { z } from 'zod';
import type { ProviderAdapter } from '../adapter';
import { ProviderError } from '../provider-error';
import { providerRequest } from '../provider-http';
import { jsonErrorAsStatus } from '../normalize-token-response';
import { slackEnvelope } from './responses';

/** Slack error codes in words a user can act on. */
const slackReasons = new Map([
  ['invalid_auth', 'the token is not valid'],
  ['not_authed', 'no token was sent'],
  ['token_revoked', 'the token was revoked'],
  ['token_expired', 'the token has expired'],
  ['account_inactive', 'the workspace or bot was deactivated'],
]);

/**
 * Slack's connection quirks: every Web API answer is HTTP 200 with `ok: false, error` on
 * failure; OAuth v2 returns `token_type: "bot"`; revocation is `auth.revoke`.
 * https://api.slack.com/authentication/oauth-v2
 */
export const slackAdapter: ProviderAdapter = {
  async identify(ctx, token) {
    const { body: json } = await providerRequest(ctx, {
      providerName: 'Slack',
      url: ctx.resolve('https://slack.com/api/auth.test'),
      method: 'POST',
      credential: { value: token, placement: 'bearer' },
      schema: slackEnvelope,
    });
    if (!json.ok) {
      const reason = slackReasons.get(json.error ?? '') ?? json.error ?? 'unknown error';
      const kind = json.error === 'ratelimited' ? 'unavailable' : 'unauthorized';
      throw new ProviderError(kind, 'Slack', `Slack rejected the credentials: ${reason}`);
    }
    return { id: json.team_id ?? 'unknown', label: json.team ?? json.team_id ?? 'Slack workspace' };
  },

  async revoke(ctx, { accessToken }) {
    const { body: json } = await providerRequest(ctx, {
      providerName: 'Slack',
      url: ctx.resolve('https://slack.com/api/auth.revoke'),
      method: 'POST',
      credential: { value: accessToken, placement: 'bearer' },
      schema: slackEnvelope.extend({ revoked: z.boolean().optional() }),
    });
    // Only `revoked: true` is Slack confirming that this call revoked the token. invalid_auth
    // (a token Slack does not know) or token_revoked (revoked before, or the app removed)
    // confirm nothing about the grant, so the user is told Slack did not confirm it.
    if (json.ok && json.revoked === true) return true;
    const reason = json.ok ? 'it answered without revoking' : (slackReasons.get(json.error ?? '') ?? json.error ?? 'unknown error');
    throw new ProviderError('rejected', 'Slack', `Slack did not revoke the token: ${reason}`);
  },

  normalizeTokenResponse: (response) =>
    jsonErrorAsStatus(
      response,
      (body) => body.ok === false,
      (body) => (body.ok === false ? { error: body.error, error_description: slackReasons.get(String(body.error)) ?? body.error } : body),
    ),
  extraTokenTypes: ['bot', 'user'],
};
