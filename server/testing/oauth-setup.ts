import type { Hono } from 'hono';
import { createGithubEmulator, type GithubEmulatorOptions } from '../../test/emulators/github';
import { answerConsent } from '../../test/support/consent';
import { emulatorEnv } from '../../test/support/stack-env';
import { emulatedFetch } from './emulated-fetch';
import { registeredFor } from '../../test/support/oauth-callback';
import type { Engine } from '../store/engine';
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from './test-app';

/**
 * A Weft app with one OAuth provider played by its emulator (client `<id>-client-id`,
 * the emulators' default), and a helper that runs authorize → consent → callback as a
 * browser would. On in-memory SQLite, or with `engine: 'postgres'` on a database of its own.
 */
export async function oauthTestApp(providerId: string, emulatorApp: Hono, options: { engine?: Engine } = {}) {
  const origin = `http://${providerId}.test`;
  const t = await createTestApp(emulatorEnv(providerId, origin), { fetch: emulatedFetch({ [origin]: emulatorApp }), engine: options.engine });
  /**
   * The whole flow for the user holding `token`: the grant the callback holds is claimed
   * with the same session, as that user's extension does (`claimWith: null` skips it).
   * `outcome` is `connected` once claimed, else the failure code of the result URL.
   */
  async function connect(token: string, decision: 'approve' | 'deny' = 'approve', body: object = {}, opts: { claimWith?: string | null } = {}) {
    const start = await t.call('POST', `/api/connections/${providerId}/authorize`, { token, body });
    if (start.status !== 200) throw new Error(`authorize failed: ${start.text}`);
    const callback = await answerConsent(emulatorApp, start.json.url, decision);
    const landed = await followCallback(t, callback);
    const claimer = opts.claimWith === undefined ? token : opts.claimWith;
    const claim = landed.result.grant && claimer ? await t.call('POST', '/api/connections/claim', { token: claimer, body: { grant: landed.result.grant } }) : undefined;
    // 201 stored a new connection, 200 renewed the one holding that account: both connected.
    const outcome = claim ? ([200, 201].includes(claim.status) ? 'connected' : `claim ${claim.status}`) : (landed.result.status ?? 'pending');
    return { authorizeUrl: new URL(start.json.url), callback, ...landed, claim, outcome };
  }
  /** A new user who has connected the provider: their session token and the connection as the API lists it. */
  async function signUpAndConnect() {
    const { token } = await t.signUp();
    const { outcome } = await connect(token);
    if (outcome !== 'connected') throw new Error(`connect failed: ${outcome}`);
    const [connection] = (await t.call('GET', '/api/connections', { token })).json.connections;
    return { token, connection };
  }
  return { t, connect, signUpAndConnect };
}

/**
 * What a test's emulator registers as its app's redirect URL: the test app's callback for
 * the provider, as an admin would enter it in the provider's settings.
 *
 * @example createSlackEmulator(registeredCallback('slack'))
 */
export const registeredCallback = (providerId: string) => registeredFor(TEST_PUBLIC_URL, providerId);

/** The GitHub emulator behind a Weft app (its callback registered); `connectGithub` runs the whole OAuth dance. */
export async function githubTestApp({ engine, ...options }: GithubEmulatorOptions & { engine?: Engine } = {}) {
  const github = createGithubEmulator({ ...registeredCallback('github'), ...options });
  const { t, connect, signUpAndConnect } = await oauthTestApp('github', github.app, { engine });
  return { t, github, connectGithub: connect, signUpAndConnect };
}

/** Sends the browser's callback request to Weft and reads the result page's parameters. */
export async function followCallback(t: TestApp, callback: URL) {
  const res = await t.app.request(callback.pathname + callback.search);
  const location = new URL(res.headers.get('location') ?? '/', 'http://weft.test');
  return { redirectStatus: res.status, result: Object.fromEntries(location.searchParams) as Record<string, string>, location };
}
