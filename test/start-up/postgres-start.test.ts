import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../server/store/testing/engines';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { runServerToExit, runToExit } from './failed-start';

// WEFT_DATABASE_URL at start, with real server processes: a PostgreSQL that does not
// answer and a URL that is not PostgreSQL's each stop start-up with one line naming the
// variable and exit 1; a reachable PostgreSQL is migrated and served.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weft-pg-start-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The lines a person reads on stderr. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '');

it('PostgreSQL unreachable: one line naming WEFT_DATABASE_URL, where and why, exit 1', async () => {
  const port = await freePort(); // nothing listens there
  const run = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: `postgres://weft:hunter2@127.0.0.1:${port}/weft` }));
  expect(run.code).toBe(1);
  expect(lines(run.stderr)).toEqual([
    `Weft cannot reach PostgreSQL at 127.0.0.1:${port}/weft (WEFT_DATABASE_URL): connection refused (ECONNREFUSED): nothing is listening there. Check that PostgreSQL is running and the URL is right, or unset WEFT_DATABASE_URL to use SQLite under WEFT_DATA_DIR.`,
  ]);
});

it('something that is not PostgreSQL on that port (a web server): the same line, saying something else may listen there, exit 1', async () => {
  const web = http.createServer((_req, res) => res.end('hello')).listen(0, '127.0.0.1');
  await once(web, 'listening');
  try {
    const port = (web.address() as AddressInfo).port;
    const run = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: `postgres://weft@127.0.0.1:${port}/weft` }));
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `Weft cannot reach PostgreSQL at 127.0.0.1:${port}/weft (WEFT_DATABASE_URL): the connection was closed before PostgreSQL answered (something other than PostgreSQL may be listening on that port). Check that PostgreSQL is running and the URL is right, or unset WEFT_DATABASE_URL to use SQLite under WEFT_DATA_DIR.`,
    ]);
  } finally {
    web.close();
  }
});

it('a database that does not exist on a reachable PostgreSQL: the same line, with PostgreSQL’s reason', async () => {
  const { url, drop } = await createTestDatabase({ empty: true });
  await drop();
  const run = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: url }));
  expect(run.code).toBe(1);
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(/\(WEFT_DATABASE_URL\): the database does not exist \(database "weft_test_\w+" does not exist\)/);
});

it('a URL that is not PostgreSQL’s: a clear error naming the variable and the form it needs, password hidden, exit 1', async () => {
  const run = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: 'mysql://weft:hunter2@db.internal/weft' }));
  expect(run.code).toBe(1);
  expect(lines(run.stderr)).toEqual([
    'Weft could not start: Invalid configuration: WEFT_DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/weft), got "mysql://weft:***@db.internal/weft"',
  ]);
  const noDatabase = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: 'postgres://weft@db.internal' }));
  expect(noDatabase.code).toBe(1);
  expect(noDatabase.stderr).toContain('WEFT_DATABASE_URL names no database');
});

it('a reachable PostgreSQL: the server migrates it (graphile-worker\'s schema too), serves, schedules its jobs there, and stops cleanly on SIGTERM', { timeout: 40_000 }, async () => {
  const database = await createTestDatabase({ empty: true });
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv(dataDir, port, { WEFT_DATABASE_URL: database.url }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit');
  const client = new pg.Client(database.url);
  try {
    await vi.waitFor(() => expect(stdout).toContain(`Weft server: http://127.0.0.1:${port}`), { timeout: 20_000, interval: 50 });
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    await client.connect();
    // The job runner registered the server's cron schedules; graphile-worker's schema is there to run them.
    await vi.waitFor(async () => expect(Number((await client.query('SELECT COUNT(*) AS n FROM job_schedules')).rows[0].n)).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    expect(Number((await client.query('SELECT COUNT(*) AS n FROM graphile_worker.migrations')).rows[0].n)).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines(stdout).filter((l) => l.startsWith('{') && JSON.parse(l).level === 'error')).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await client.end().catch(() => {});
    await database.drop();
  }
});

it('`npm start` with PostgreSQL unreachable says so before rebuilding the extension', { timeout: 40_000 }, async () => {
  const port = await freePort();
  const run = await runToExit('npm', ['start'], serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: `postgres://weft@127.0.0.1:${port}/weft` }), { timeoutMs: 30_000 });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(`Weft cannot reach PostgreSQL at 127.0.0.1:${port}/weft (WEFT_DATABASE_URL): connection refused`);
  expect(run.stdout).not.toContain('wxt build');
});
