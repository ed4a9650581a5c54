import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { githubExample } from '../../server/testing/webhooks';
import { seedGithubUser, startServerProcess, type ServerProcess } from '../bench/server-process';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { githubHeaders } from '../support/webhook-signing';

// A restart behind a load balancer (SIGTERM, as systemd, Docker and Kubernetes send it)
// must lose nothing: readiness answers 503 first while requests are still served, a
// webhook whose body is still arriving is answered 2xx once durable, browsers on push are
// told to reconnect (1012), and the process exits 0. Before server/shutdown.ts, SIGTERM cut
// every connection at once: the half-sent webhook got a reset, readiness never said 503.

let server: ServerProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.kill9();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const DELAY_MS = 1500;

/** A POST whose body is sent in two halves: the second only when `finish` is called. */
function slowWebhook(url: string, body: string, headers: Record<string, string>) {
  const bytes = Buffer.from(body);
  let answer!: Promise<{ status: number; body: string }>;
  const req = http.request(`${url}/hooks/github`, { method: 'POST', headers: { ...headers, 'content-length': String(bytes.length) } });
  answer = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, bytes.length >> 1));
  return { answer, finish: () => req.end(bytes.subarray(bytes.length >> 1)) };
}

it('SIGTERM: readiness 503 first, a webhook in flight is stored and answered 202, push clients get 1012, exit 0', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weft-shutdown-'));
  const env = serverEnv(dataDir, await freePort(), { WEFT_SHUTDOWN_DELAY_MS: String(DELAY_MS), WEFT_SHUTDOWN_GRACE_MS: '10000' });
  const { token } = await seedGithubUser(env);
  server = await startServerProcess(env, { readyPath: '/health/ready' });

  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/events/ws`);
  const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const live = new Promise((resolve) => socket.on('message', (m) => JSON.parse(String(m)).type === 'ready' && resolve(true)));
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  socket.send(JSON.stringify({ type: 'hello', token, cursor: 0 }));
  await live;

  const body = JSON.stringify(githubExample('issues', 'opened'));
  const inFlight = slowWebhook(server.url, body, { ...githubHeaders(body, 'issues'), 'x-github-delivery': 'graceful-1' });
  // The request has reached the server (its headers and half its body) before the signal.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const exited = server.exited;
  server.child.kill('SIGTERM');

  // Draining: not ready, yet still serving (a request that arrives now is answered).
  let ready: { status: number; body: string } | undefined;
  for (let i = 0; i < 40 && ready?.status !== 503; i++) {
    const answer = await fetch(`${server.url}/health/ready`).then(async (r) => ({ status: r.status, body: await r.text() }));
    ready = answer;
    if (answer.status !== 503) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(ready).toEqual({ status: 503, body: JSON.stringify({ error: { code: 'shutting_down', message: 'Not ready: this instance is shutting down.' } }) });
  expect((await fetch(`${server.url}/health`)).status).toBe(200);

  // After the delay the listener closes and push clients are told to reconnect elsewhere;
  // the webhook still arriving keeps its connection, and is stored and answered.
  expect(await closeCode).toBe(1012);
  expect(await fetch(`${server.url}/health`).then(() => 'answered', () => 'refused')).toBe('refused');
  inFlight.finish();
  const answer = await inFlight.answer;
  expect(answer.status).toBe(202);
  expect(JSON.parse(answer.body)).toMatchObject({ status: 'accepted', events: 1 });
  expect(await exited).toBe(0);
  server = undefined;

  const db = new DatabaseSync(path.join(dataDir, 'weft.db'), { readOnly: true });
  try {
    expect(db.prepare("SELECT COUNT(*) AS n FROM events e JOIN deliveries d ON d.id = e.delivery_id WHERE d.delivery_key = 'graceful-1'").get()).toEqual({ n: 1 });
  } finally {
    db.close();
  }
});
