import type { Hono } from 'hono';
import { envName } from '../config';
import { answerConsent, emulatedFetch } from './emulated-fetch';
import { followCallback } from './github-setup';
import { createTestApp } from './test-app';

/**
 * A Weft app with one OAuth provider played by its emulator (client `<id>-client-id`),
 * and a helper that runs authorize → consent → callback as a browser would.
 */
export async function oauthTestApp(providerId: string, emulatorApp: Hono) {
  const origin = `http://${providerId}.test`;
  const p = `WEFT_${envName(providerId)}_`;
  const t = await createTestApp(
    {
      [`${p}CLIENT_ID`]: `${providerId}-client-id`,
      [`${p}CLIENT_SECRET`]: `${providerId}-client-secret`,
      [`${p}AUTH_URL`]: origin,
      [`${p}API_URL`]: origin,
    },
    { fetch: emulatedFetch({ [origin]: emulatorApp }) },
  );
  async function connect(token: string, decision: 'approve' | 'deny' = 'approve') {
    const start = await t.call('POST', `/api/connections/${providerId}/authorize`, { token });
    if (start.status !== 200) throw new Error(`authorize failed: ${start.text}`);
    const callback = await answerConsent(emulatorApp, start.json.url, decision);
    return { authorizeUrl: new URL(start.json.url), callback, ...(await followCallback(t, callback)) };
  }
  return { t, connect };
}
