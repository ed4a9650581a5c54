import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../shared/flows/document';
import { findProvider } from '../../shared/providers';
import type { RunsPage } from '../../shared/protocol/flow-runs';
import { hashPassword } from '../../server/accounts/passwords';
import { createUser } from '../../server/accounts/users';
import { loadConfig } from '../../server/config';
import { saveConnection } from '../../server/connections/save-connection';
import { insertInstance } from '../../server/flows/runner/testing';
import { buildDeps } from '../../server/start';
import { createTestDatabase, forEachEngine } from '../../server/store/testing/engines';
import { pool } from '../bench/http-load';
import { startServerProcess, type ServerProcess } from '../bench/server-process';
import { createSlackEmulator } from '../emulators/slack';
import { startEmulator, type RunningEmulator } from '../emulators/serve';
import { freePort } from '../support/free-port';
import { emulatorEnv, serverEnv } from '../support/stack-env';

// "A crash re-runs no finished step and skips none; a retry never posts twice", the hard
// way: the real server, 200 runs of a two-step flow posting to the Slack emulator, SIGKILL
// while they are in flight, restart, then count at the emulator. A step whose job died
// after Slack posted and before Weft recorded it is settled by finding its message (its
// idempotency key is in the message's metadata), not by posting again. (Checked: with
// that look-up disabled in the executor, a run here posts 2-4 messages twice.)

const RUNS = 200;
const CHANNELS = 40;
/** Kill once this many of the 2 × RUNS messages are at the emulator. */
const KILL_AT_MESSAGES = 130;

const flow: IntegrationDocument = {
  weft: 'integration/v1', name: 'Crash test',
  configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
  flows: [{
    id: 'go', name: 'Go', trigger: { type: 'manual' },
    steps: [
      { id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{trigger.channel}}', text: 'Run {{trigger.n}}' } },
      { id: 'confirm', action: 'slack.post_message', connection: 'slack', input: { channel: '{{trigger.channel}}', text: 'Run {{trigger.n}} confirmed after {{steps.notify.ts}}' } },
    ],
  }],
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

forEachEngine('flow runs through kill -9', (engine) => {
  it(`${RUNS} runs in flight when the server is killed: after restart each completes and each Slack message arrives exactly once`, { timeout: 240_000 }, async () => {
    // Slack's method tiers and per-channel pace are other tests' subject: here they would only make it slow.
    const slack = createSlackEmulator({ postMessageLimit: { perSecond: 1000, burst: 1000 }, rateLimitPerMinute: 100_000 });
    const channels = Array.from({ length: CHANNELS }, (_, i) => slack.seedChannel({ name: `crash-${i}`, botIsMember: true }).id);
    const emulator: RunningEmulator = await startEmulator(slack.app);
    cleanups.push(() => emulator.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-flows-sigkill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const database = engine === 'postgres' ? await createTestDatabase() : undefined;
    if (database) cleanups.push(() => database.drop());
    const env = serverEnv(dataDir, await freePort(), {
      ...emulatorEnv('slack', emulator.url, { oauthApp: false }),
      // Slack's workspace limit (50 a minute) would make this a four-minute test; the per-channel one still applies.
      WEFT_SLACK_RATE_LIMIT: '1000/1s',
      ...(database ? { WEFT_DATABASE_URL: database.url } : {}),
    });

    // The user, their Slack connection and the deployed flow, written before the server starts.
    const seed = await buildDeps({ config: loadConfig(env), log: { info() {}, warn() {}, error() {} } });
    const user = await createUser(seed.store, `crash-${Date.now()}@example.com`, await hashPassword('correct horse battery'));
    const { token } = await seed.lucia.createSession(user.id);
    const slackId = await saveConnection(seed.db, seed.vault, findProvider('slack')!, { id: 'T0WEFT', label: 'Weft' }, {
      authMode: 'oauth2', accessToken: slack.issueToken(), refreshToken: null, expiresAt: null, scopes: [],
    }, { workspaceId: user.workspaceId, userId: user.id }).then((c) => c.row.id);
    const instanceId = await insertInstance(seed.store, user, flow, { slack: slackId });
    await seed.store.close();

    const start = () => startServerProcess(env, { readyPath: '/health/ready', timeoutMs: 60_000 });
    let server: ServerProcess = await start();
    cleanups.push(() => server.kill9());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const started = await pool(RUNS, 16, async (n) => {
      const res = await fetch(`${server.url}/api/instances/${instanceId}/flows/go/run`, {
        method: 'POST', headers, body: JSON.stringify({ input: { n, channel: channels[n % CHANNELS] } }),
      });
      expect(res.status).toBe(201);
    });
    expect(started).toBe(RUNS);

    // Kill while runs are in flight: once enough messages are out, a few random ms later.
    const posted = () => slack.listMessages().filter((m) => m.text.startsWith('Run ')).length;
    while (posted() < KILL_AT_MESSAGES) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    await server.kill9();
    const atKill = posted();
    expect(atKill).toBeLessThan(2 * RUNS);

    server = await start();
    // Jobs the dead server held run again once their leases (30 s) run out.
    const deadline = Date.now() + 180_000;
    let succeeded = 0;
    for (;;) {
      const page = (await (await fetch(`${server.url}/api/runs?instance=${instanceId}&status=succeeded&limit=200`, { headers })).json()) as RunsPage;
      succeeded = page.runs.length;
      if (succeeded === RUNS || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const failed = (await (await fetch(`${server.url}/api/runs?instance=${instanceId}&status=failed`, { headers })).json()) as RunsPage;
    expect(failed.runs.map((r) => r.error)).toEqual([]);
    expect(succeeded).toBe(RUNS);

    // Exactly once at the emulator: every run's two messages, none twice.
    const texts = slack.listMessages().map((m) => m.text).filter((t) => t.startsWith('Run '));
    const counts = new Map<string, number>();
    for (const text of texts) counts.set(text.replace(/ after .*$/, ''), (counts.get(text.replace(/ after .*$/, '')) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n !== 1);
    expect(twice).toEqual([]);
    for (let n = 0; n < RUNS; n++) {
      expect(counts.get(`Run ${n}`), `Run ${n}`).toBe(1);
      expect(counts.get(`Run ${n} confirmed`), `Run ${n} confirmed`).toBe(1);
    }
    expect(texts).toHaveLength(2 * RUNS);
    const lookups = slack.stats.requests.filter((r) => r.path === '/api/conversations.history').length;
    console.info(`[flows sigkill, ${engine}] ${atKill} of ${2 * RUNS} messages posted at the kill; ${lookups} in-doubt steps checked in Slack's history after the restart`);
  });
});
