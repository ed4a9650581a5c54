import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../bench/server-process';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { runServerToExit, runToExit } from './failed-start';

// One server per data folder, told in words; a busy port named with the way out. Real
// server processes on random ports. Before the lock, the second server opened the same
// database and ran beside the first; `npm start` rebuilt the extension under the running
// server and then died with a bare EADDRINUSE.

let dataDir: string;
const servers: ServerProcess[] = [];
let blocker: Server | undefined;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weft-lock-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const server = await startServerProcess(env);
  servers.push(server);
  return server;
}

/** A plain TCP listener on a random port: "another program" holding it. */
async function occupyPort(): Promise<number> {
  const port = await freePort();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
  return port;
}

const npmStart = (env: Record<string, string>) => runToExit('npm', ['start'], env, { timeoutMs: 30_000 });

it('a second server on another port with the same data folder stops and names the first one’s pid; the first keeps serving', async () => {
  const env = serverEnv(dataDir, await freePort());
  const first = await start(env);
  // The same configuration (vault key included) on another port: only the lock can stop it.
  const second = await runServerToExit({ ...env, PORT: String(await freePort()) });
  expect(second.code).toBe(1);
  expect(second.stderr).toContain(`Another Weft server (pid ${first.child.pid}) is using ${dataDir}/. Stop it, or set WEFT_DATA_DIR to another folder.`);
  expect((await fetch(`${first.url}/health`)).ok).toBe(true);
});

it('a lock left by a server killed with -9 is taken over: the next server starts on the folder', async () => {
  const env = serverEnv(dataDir, await freePort());
  const crashed = await start(env);
  await crashed.kill9();
  expect(readFileSync(path.join(dataDir, 'weft.pid'), 'utf8').trim()).toBe(String(crashed.child.pid));
  const next = await start({ ...env, PORT: String(await freePort()) });
  expect((await fetch(`${next.url}/health`)).ok).toBe(true);
  expect(readFileSync(path.join(dataDir, 'weft.pid'), 'utf8').trim()).toBe(String(next.child.pid));
  await next.stop();
  expect(existsSync(path.join(dataDir, 'weft.pid'))).toBe(false);
});

it('a weft.pid naming a live process that holds no lock (a reused pid) does not block the start', async () => {
  writeFileSync(path.join(dataDir, 'weft.pid'), `${process.pid}\n`);
  const server = await start(serverEnv(dataDir, await freePort()));
  expect((await fetch(`${server.url}/health`)).ok).toBe(true);
});

it('a busy port: the server names the port and how to choose another, exit 1', async () => {
  const port = await occupyPort();
  const run = await runServerToExit(serverEnv(dataDir, port));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use by another program (another Weft server?). Stop it, or choose another port: PORT=${port + 1} npm start`);
});

it('`npm start` beside a running server refuses before rebuilding the extension', { timeout: 40_000 }, async () => {
  const env = serverEnv(dataDir, await freePort());
  const running = await start(env);
  const run = await npmStart({ ...env, PORT: String(await freePort()) });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(`Another Weft server (pid ${running.child.pid}) is using ${dataDir}/.`);
  expect(run.stdout).not.toContain('wxt build');
});

it('`npm start` on a busy port says which port before rebuilding the extension', { timeout: 40_000 }, async () => {
  const port = await occupyPort();
  const run = await npmStart(serverEnv(dataDir, port));
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  expect(run.stderr).toContain(`PORT=${port + 1} npm start`);
  expect(run.stdout).not.toContain('wxt build');
});
