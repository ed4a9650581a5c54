import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { WeftEvent } from '../../shared/protocol/events';
import type { ServerMessage } from '../../shared/protocol/push-messages';
import { createLogger } from '../lib/log';
import { startWeft, type RunningWeft } from '../start';
import type { Engine } from '../store/engine';
import { createTestDatabase, openTestStore } from '../store/testing/engines';
import { fetchParsed, parseServerMessage } from './contract';

/**
 * A real Weft server on 127.0.0.1 (port 0) over a fresh data directory, for tests that
 * need sockets: WebSocket and SSE push, floods of requests. `logLines` holds every line
 * it would have logged.
 */
export async function startLiveWeft(options: { dataDir?: string; key?: string; env?: Record<string, string>; engine?: Engine; databaseUrl?: string } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'weft-live-'));
  const key = options.key ?? randomBytes(32).toString('base64');
  const logLines: string[] = [];
  const log = createLogger((line) => logLines.push(line));
  // `engine: 'postgres'`: on a PostgreSQL database of its own, dropped when it closes.
  // `databaseUrl` (from createTestDatabase): on that database, which closing leaves, as
  // one of several instances (they must share `key`) or to restart on it.
  let databaseUrl = options.databaseUrl;
  let drop: (() => Promise<void>) | undefined;
  if (options.engine === 'postgres' && !databaseUrl) ({ url: databaseUrl, drop } = await createTestDatabase());
  const store = databaseUrl ? await openTestStore('postgres', { databaseUrl, log }) : undefined;
  const weft: RunningWeft = await startWeft(
    { PORT: '0', HOST: '127.0.0.1', WEFT_DATA_DIR: dataDir, WEFT_SECRET_KEY: key, ...options.env },
    { log, store },
  );
  if (drop) {
    const close = weft.close;
    weft.close = async () => {
      await close();
      await drop();
    };
  }
  return { weft, url: weft.url, dataDir, key, logLines };
}

export async function signUpLive(url: string, email: string) {
  const res = await fetchParsed(`${url}/api/auth/signup`, { method: 'POST', body: JSON.stringify({ email, password: 'correct horse battery' }) });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { token: string; user: { id: string; workspaceId: string } };
}

/** An unsigned custom endpoint: the simplest way to make events for a user. */
export async function makeEndpoint(url: string, token: string, signed = false) {
  const res = await fetchParsed(`${url}/api/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'Test', signed }) });
  return res.json as { id: string; secret: string | null };
}

export const fire = (url: string, endpoint: string, title: string) =>
  fetch(`${url}/hooks/custom/${endpoint}`, { method: 'POST', body: JSON.stringify({ title }) });

/**
 * A push WebSocket that collects every frame. `hellos` sends that many hellos back to
 * back as soon as it opens (one is what a well-behaved client sends).
 */
export function connectPush(url: string, token: string, cursor: number, hellos = 1) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events/ws`);
  const events: WeftEvent[] = [];
  const messages: ServerMessage[] = [];
  ws.on('open', () => {
    for (let i = 0; i < hellos; i++) ws.send(JSON.stringify({ type: 'hello', token, cursor }));
  });
  ws.on('message', (data) => {
    const m = parseServerMessage(String(data));
    messages.push(m);
    if (m.type === 'event') events.push(m.event);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return { ws, events, messages, closed };
}

/** Polls for a positive signal (never used to wait for "nothing happened"). */
export async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
