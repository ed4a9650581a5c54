import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubEmulator } from '../github';
import { createHubspotEmulator } from '../hubspot';
import { createSlackEmulator } from '../slack';
import { formPost } from './oauth-test-kit';

// The emulators' tokens outlive the process when given a state file (what `npm run demo`
// does): a new emulator on the same file accepts what the old one issued and still refuses
// what it revoked. Without the file every connection expired on a restart of the demo.

const CREDS = { client_id: 'github-client-id', client_secret: 'github-client-secret' };
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'weft-emulator-state-'));
  file = path.join(dir, 'emulators', 'github.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Github = ReturnType<typeof createGithubEmulator>;
const github = (now?: () => number) => createGithubEmulator({ autoApprove: true, redirectUris: ['https://weft.test/cb'], accessTokenTtlSeconds: 28800, stateFile: file, now });
const getUser = (emulator: Github, token: unknown) => emulator.app.request('/user', { headers: { authorization: `Bearer ${String(token)}` } });
async function tokenRequest(emulator: Github, params: Record<string, string>): Promise<Record<string, string>> {
  const res = await emulator.app.request('/login/oauth/access_token', formPost({ ...CREDS, ...params }, { accept: 'application/json' }));
  return res.json();
}

async function signIn(emulator: Github): Promise<Record<string, string>> {
  const auth = await emulator.app.request(`/login/oauth/authorize?client_id=github-client-id&redirect_uri=${encodeURIComponent('https://weft.test/cb')}`);
  const code = new URL(auth.headers.get('location')!).searchParams.get('code')!;
  return tokenRequest(emulator, { code });
}

const saved = () => JSON.parse(readFileSync(file, 'utf8')) as { version: number; tokens: { value: string }[] };
const afterWrite = () => new Promise((resolve) => setImmediate(resolve));

describe('emulator state file', () => {
  it('OAuth tokens from before a restart still work; the refresh token still refreshes', async () => {
    const tokens = await signIn(github());
    await afterWrite();
    const restarted = github();
    expect((await getUser(restarted, tokens.access_token)).status).toBe(200);
    const refreshed = await tokenRequest(restarted, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.access_token).toMatch(/^ghu_/);
    expect((await getUser(restarted, refreshed.access_token)).status).toBe(200);
  });

  it('is written on every change, before the event loop turns: issued, then expired', async () => {
    const first = github();
    const token = first.issueToken();
    await Promise.resolve();
    expect(saved().tokens.map((t) => t.value)).toContain(token);
    first.expireAccessTokens();
    await Promise.resolve();
    expect((await getUser(github(), token)).status).toBe(401);
  });

  it('HubSpot private-app and Slack bot tokens survive too', async () => {
    const hubspotFile = path.join(dir, 'hubspot.json');
    const slackFile = path.join(dir, 'slack.json');
    const pat = createHubspotEmulator({ stateFile: hubspotFile }).issueToken();
    const bot = createSlackEmulator({ stateFile: slackFile }).issueToken();
    await afterWrite();
    const hubspot = await createHubspotEmulator({ stateFile: hubspotFile }).app.request('/account-info/v3/details', { headers: { authorization: `Bearer ${pat}` } });
    expect(hubspot.status).toBe(200);
    const slack = await createSlackEmulator({ stateFile: slackFile }).app.request('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${bot}` } });
    expect(await slack.json()).toMatchObject({ ok: true });
  });

  it('is bounded: the newest 500 tokens, none dead for over a week', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = github(() => now);
    const old = emulator.issueToken();
    emulator.expireAccessTokens();
    now += 8 * 24 * 3600_000;
    const issued: string[] = [];
    for (let i = 0; i < 520; i++) {
      now += 1000;
      issued.push(emulator.issueToken());
    }
    await afterWrite();
    const values = saved().tokens.map((t) => t.value);
    expect(values).toHaveLength(500);
    expect(values).not.toContain(old);
    expect(new Set(values)).toEqual(new Set(issued.slice(-500)));
    expect(readFileSync(file).length).toBeLessThan(500 * 1024);
  });

  it('a damaged file stops the emulator with its path and what to do', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"version":1,"tok');
    expect(() => github()).toThrow(`The emulator state file ${file} cannot be read`);
    expect(() => github()).toThrow('Delete it to start the emulator afresh');
  });
});
