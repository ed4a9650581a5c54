import { findProvider } from '../../shared/providers';
import { createGithubEmulator } from '../../test/emulators/github';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { createSlackEmulator } from '../../test/emulators/slack';
import { emulatorEnv } from '../../test/support/stack-env';
import { saveConnection } from '../connections/save-connection';
import { emulatedFetch } from './emulated-fetch';
import { registeredFor } from '../../test/support/oauth-callback';
import type { Engine } from '../store/engine';
import { createTestApp, TEST_PUBLIC_URL } from './test-app';

const GH = 'http://github.test';
const HS = 'http://hubspot.test';
const SL = 'http://slack.test';

/** The GitHub account the test user's connection belongs to at the emulator. */
const GITHUB_ACCOUNT = { id: '583231', label: 'octocat' };

export type ActionsSetupOptions = {
  hubspotLimit?: { max: number; intervalMs: number };
  env?: Record<string, string>;
  /** Stands between the server and the emulators, e.g. to change an answer on its way back. */
  wrapFetch?: (emulated: typeof fetch) => typeof fetch;
  /** In-memory SQLite unless `postgres` (a database of its own, dropped on close). */
  engine?: Engine;
};

/**
 * A test app with one user holding a GitHub OAuth token, a HubSpot private-app token and a
 * Slack bot token, each issued by its emulator, and `act` to call `/api/actions` as them.
 *
 * @example
 * const s = await actionsTestApp();
 * await s.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Hi' }, 'key-0000001');
 * s.slack.listMessages('C0WEFTENG01');
 */
export async function actionsTestApp(opts: ActionsSetupOptions = {}) {
  // Connections are stored directly, but each app has Weft's callback registered, as it would.
  const github = createGithubEmulator(registeredFor(TEST_PUBLIC_URL, 'github'));
  const hubspot = createHubspotEmulator({ ...registeredFor(TEST_PUBLIC_URL, 'hubspot'), ...(opts.hubspotLimit ? { rateLimit: opts.hubspotLimit } : {}) });
  const slack = createSlackEmulator(registeredFor(TEST_PUBLIC_URL, 'slack'));
  const t = await createTestApp(
    {
      ...emulatorEnv('github', GH, { oauthApp: false }),
      ...emulatorEnv('hubspot', HS, { oauthApp: false }),
      ...emulatorEnv('slack', SL, { oauthApp: false }),
      ...opts.env,
    },
    { fetch: (opts.wrapFetch ?? ((f) => f))(emulatedFetch({ [GH]: github.app, [HS]: hubspot.app, [SL]: slack.app })), engine: opts.engine },
  );
  const { token, user } = await t.signUp();
  const connectGithub = (credential: string) =>
    saveConnection(t.deps.db, t.deps.vault, findProvider('github')!, GITHUB_ACCOUNT,
      { authMode: 'oauth2', accessToken: credential, refreshToken: null, expiresAt: null, scopes: [] },
      { workspaceId: user.workspaceId, userId: user.id });
  // As if each had been connected (OAuth for GitHub and Slack, a private-app token for HubSpot).
  await connectGithub(github.issueToken());
  for (const [provider, credential, account] of [
    ['hubspot', hubspot.issueToken(), { id: '62515', label: 'Portal 62515' }],
    ['slack', slack.issueToken(), { id: 'T0WEFT', label: 'Weft' }],
  ] as const) {
    await saveConnection(t.deps.db, t.deps.vault, findProvider(provider)!, account,
      { authMode: provider === 'hubspot' ? 'api_key' : 'oauth2', accessToken: credential, refreshToken: null, expiresAt: null, scopes: [] },
      { workspaceId: user.workspaceId, userId: user.id });
  }
  const act = (provider: string, action: string, input: unknown, key?: string) =>
    t.call('POST', `/api/actions/${provider}/${action}`, { token, body: { input }, headers: key ? { 'idempotency-key': key } : {} });
  /** What completing the OAuth flow again stores: a new token on the same connection. */
  const reconnectGithub = () => connectGithub(github.issueToken());
  return { ...t, github, hubspot, slack, token, user, act, reconnectGithub };
}

export type ActionsTestApp = Awaited<ReturnType<typeof actionsTestApp>>;
