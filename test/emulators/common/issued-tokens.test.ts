import { describe, expect, it } from 'vitest';
import { answerConsent } from '../../support/consent';
import { createHubspotEmulator } from '../hubspot/index';
import { formPost } from './oauth-test-kit';

const REDIRECT = 'https://weft.test/oauth/hubspot/callback';

describe('issuedTokens (what a leak scan looks for)', () => {
  it('lists every credential, access and refresh, OAuth and minted directly, revoked ones too, in process and over /_emulator/', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const privateApp = hubspot.issueToken();
    const authorize = `/oauth/authorize?${new URLSearchParams({ client_id: 'hubspot-client-id', redirect_uri: REDIRECT, scope: 'oauth', state: 's' })}`;
    const code = (await answerConsent(hubspot.app, authorize, 'approve')).searchParams.get('code') ?? '';
    const res = await hubspot.app.request(
      '/oauth/2026-03/token',
      formPost({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'hubspot-client-id', client_secret: 'hubspot-client-secret' }),
    );
    const { access_token, refresh_token } = (await res.json()) as { access_token: string; refresh_token: string };
    hubspot.revokeRefreshTokens();

    const expected = [
      { value: privateApp, type: 'access' },
      { value: access_token, type: 'access' },
      { value: refresh_token, type: 'refresh' },
    ];
    expect(hubspot.issuedTokens()).toEqual(expect.arrayContaining(expected));
    expect(hubspot.issuedTokens()).toHaveLength(3);
    expect(await (await hubspot.app.request('/_emulator/issued-tokens')).json()).toEqual({ tokens: hubspot.issuedTokens() });
  });
});
