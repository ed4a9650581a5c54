import { createGithubEmulator, type GithubEmulatorOptions } from '../../test/emulators/github';
import { answerConsent, emulatedFetch } from './emulated-fetch';
import { createTestApp, type TestApp } from './test-app';

export const GITHUB_ORIGIN = 'http://github.test';

/** A Weft app whose GitHub is the emulator, with a helper that runs the whole OAuth dance. */
export async function githubTestApp(options: GithubEmulatorOptions = {}, env: Record<string, string> = {}) {
  const github = createGithubEmulator({ clientId: 'gh-id', clientSecret: 'gh-secret', ...options });
  const t = await createTestApp(
    {
      WEFT_GITHUB_CLIENT_ID: 'gh-id',
      WEFT_GITHUB_CLIENT_SECRET: 'gh-secret',
      WEFT_GITHUB_AUTH_URL: GITHUB_ORIGIN,
      WEFT_GITHUB_API_URL: GITHUB_ORIGIN,
      ...env,
    },
    { fetch: emulatedFetch({ [GITHUB_ORIGIN]: github.app }) },
  );

  /** Authorize → consent → callback; returns the callback URL and the result redirect. */
  async function connectGithub(token: string, decision: 'approve' | 'deny' = 'approve', body: object = {}) {
    const start = await t.call('POST', '/api/connections/github/authorize', { token, body });
    if (start.status !== 200) throw new Error(`authorize failed: ${start.text}`);
    const callback = await answerConsent(github.app, start.json.url, decision);
    const result = await followCallback(t, callback);
    return { authorizeUrl: new URL(start.json.url), callback, ...result };
  }
  return { t, github, connectGithub };
}

/** Sends the browser's callback request to Weft and reads the result page's parameters. */
export async function followCallback(t: TestApp, callback: URL) {
  const res = await t.app.request(callback.pathname + callback.search);
  const location = new URL(res.headers.get('location') ?? '/', 'http://weft.test');
  return { redirectStatus: res.status, result: Object.fromEntries(location.searchParams) as Record<string, string>, location };
}
