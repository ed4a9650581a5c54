import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { POSTGRES_MISSING_PARTS } from '../../server/store/engine-support';
import { createTestDatabase } from '../../server/store/testing/engines';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { runServerToExit, runToExit } from './failed-start';

// WEFT_DATABASE_URL at start, with real server processes: a PostgreSQL that does not
// answer, a URL that is not PostgreSQL's, and a reachable PostgreSQL this version cannot
// run on yet. Each stops start-up with one line naming the variable and exit 1.

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

it('a reachable PostgreSQL: the schema is migrated there, then start-up refuses in one line while parts of the server still need SQLite, exit 1', async () => {
  const database = await createTestDatabase({ empty: true });
  try {
    const run = await runServerToExit(serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: database.url }));
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(`WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts are not written for it: ${POSTGRES_MISSING_PARTS.map((p) => p.what).join(', ')}.`);
    // It stopped rather than served: nothing was written beyond the migrations.
    const client = new pg.Client(database.url);
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM users');
    await client.end();
    expect(rows[0]!.n).toBe('0');
  } finally {
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
