import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { runToExit } from '../start-up/failed-start';
import { answerConsent } from '../support/consent';
import { freePort } from '../support/free-port';

// A newcomer's `npm run demo`, on real processes: sign up, connect GitHub (its consent page)
// and HubSpot (the printed token), restart the demo, and both connections still work at
// the emulators; then the printed `npm run demo:webhook` puts a live event in that user's
// log. Before the emulators kept their tokens in the data folder, the restart expired
// every connection; before the demo set webhook secrets, /hooks/github answered 503.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Demo {
  child: ChildProcess;
  banner: string;
  serverUrl: string;
  githubUrl: string;
  hubspotToken: string;
  stop(): Promise<void>;
}

const running: Demo[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** `tsx test/emulators/demo.ts` (what `npm run demo` runs after its checks and the build), resolved once it prints its banner. */
async function startDemo(env: Record<string, string>): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulators/demo.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no banner in 30 s: ${out}${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    void exited.then(() => reject(new Error(`the demo exited: ${out}${err}`)));
  });
  const find = (re: RegExp) => re.exec(banner)?.[1] ?? expect.fail(`no ${re} in the banner:\n${banner}`);
  const demo: Demo = {
    child,
    banner,
    serverUrl: find(/server\s+(http:\/\/\S+)/),
    githubUrl: find(/GitHub emulator\s+(http:\/\/\S+)/),
    hubspotToken: find(/^\s+(pat-na1-\S+)$/m),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  running.push(demo);
  return demo;
}

async function api(demo: Demo, method: string, route: string, token?: string, body?: unknown) {
  const res = await fetch(`${demo.serverUrl}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/**
 * What the browser and the extension do: open the consent URL, press Approve, follow the
 * redirect to Weft's callback, and claim the grant it holds with the same Weft session.
 */
async function connectGithub(demo: Demo, token: string): Promise<void> {
  const start = await api(demo, 'POST', '/api/connections/github/authorize', token, {});
  expect(start.status).toBe(200);
  const callback = await answerConsent(fetch, start.json.url, 'approve');
  expect(callback.pathname).toBe('/oauth/github/callback');
  const landed = await fetch(callback, { redirect: 'manual' });
  const grant = new URL(landed.headers.get('location')!, demo.serverUrl).searchParams.get('grant');
  // The grant id is 32 random bytes, base64url: what the extension reads from the result URL and claims.
  expect(grant, 'the callback holds a grant for the extension to claim').toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect((await api(demo, 'POST', '/api/connections/claim', token, { grant })).status).toBe(201);
}

it('npm run demo: connections survive a restart, and the printed demo:webhook command reaches the connected user’s event log', { timeout: 90_000 }, async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weft-demo-'));
  const port = await freePort();
  const env = { WEFT_DATA_DIR: dataDir, PORT: String(port), WEFT_PUBLIC_URL: `http://127.0.0.1:${port}` };

  let demo = await startDemo(env);
  const { json: signup } = await api(demo, 'POST', '/api/auth/signup', undefined, { email: 'newcomer@example.com', password: 'a long demo passphrase 42' });
  const token: string = signup.token;
  expect((await api(demo, 'POST', '/api/connections', token, { provider: 'hubspot', credentials: { token: demo.hubspotToken } })).status).toBe(201);
  await connectGithub(demo, token);
  const { json: listed } = await api(demo, 'GET', '/api/connections', token);
  const connections: { id: string; provider: string; status: string }[] = listed.connections;
  expect(connections.map((c) => [c.provider, c.status]).sort()).toEqual([['github', 'active'], ['hubspot', 'active']]);
  const firstToken = demo.hubspotToken;

  await demo.stop();
  demo = await startDemo(env);
  // The token printed last time is printed again: it still works.
  expect(demo.hubspotToken).toBe(firstToken);

  for (const connection of connections) {
    const tested = await api(demo, 'POST', `/api/connections/${connection.id}/test`, token);
    expect(tested.status, `${connection.provider}: ${JSON.stringify(tested.json)}`).toBe(200);
    expect(tested.json, connection.provider).toMatchObject({ ok: true });
  }
  // And at the emulator itself: the restarted GitHub emulator accepted the token from before.
  const stats = await (await fetch(`${demo.githubUrl}/_emulator/stats`)).json();
  expect(stats.requests).toContainEqual({ method: 'GET', path: '/user', status: 200 });
  expect(stats.authFailures).toBe(0);

  // The command as printed, with the data folder it names.
  const printed = /^ {2}(?:WEFT_DATA_DIR=(\S+) )?npm run demo:webhook$/m.exec(demo.banner);
  expect(printed, demo.banner).not.toBeNull();
  expect(printed![1]).toBe(dataDir);
  const sent = await runToExit('npm', ['run', '--silent', 'demo:webhook'], { WEFT_DATA_DIR: printed![1]! });
  expect(sent.code, sent.stderr).toBe(0);
  expect(sent.stdout).toContain('It is in the event log of 1 Weft workspace');
  const { json: page } = await api(demo, 'GET', '/api/events?after=0', token);
  const event = page.events.find((e: { type: string }) => e.type === 'github.issues.opened');
  expect(event?.summary.title).toMatch(/^Issue opened in octocat\/hello-world: #1 .*test event/);
});
