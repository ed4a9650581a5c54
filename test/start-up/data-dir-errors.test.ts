import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../server/store/open';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { runServerToExit } from './failed-start';

// A data folder Weft cannot use stops the real server process with the path, the cause and
// what to do, not SQLite's "unable to open database file". Before this, every case below
// printed that sentence (or a bare ENOTDIR from mkdir) and nothing else.

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'weft-datadir-'));
});
afterEach(() => {
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
});

/** A database left by an earlier run, in WAL mode, then closed. */
async function existingDatabase(dir: string) {
  const store = await openStore({ dataDir: dir });
  await store.close();
}

it('a data folder under a regular file (fails even for root): the path and ENOTDIR, exit 1', async () => {
  writeFileSync(path.join(root, 'not-a-folder'), '');
  const dataDir = path.join(root, 'not-a-folder', 'data');
  const run = await runServerToExit(serverEnv(dataDir, await freePort()));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Weft cannot open its database at ${dataDir}/weft.db`);
  expect(run.stderr).toContain(`${path.join(root, 'not-a-folder')} is a file, not a folder (ENOTDIR)`);
  expect(run.stderr).toContain('WEFT_DATA_DIR');
  expect(run.stderr).not.toContain('unable to open database file');
});

it('a blocked WAL (weft.db-wal is a folder; fails even for root): names weft.db-wal and the cause, exit 1', async () => {
  const dataDir = path.join(root, 'data');
  await existingDatabase(dataDir);
  mkdirSync(path.join(dataDir, 'weft.db-wal'));
  const run = await runServerToExit(serverEnv(dataDir, await freePort()));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Weft cannot open its database at ${dataDir}/weft.db: weft.db-wal exists but is not a file.`);
  expect(run.stderr).toContain(`Move ${dataDir}/weft.db-wal aside`);
});

it('a read-only data folder (chmod 0500): the folder is not writable (EACCES), exit 1', async () => {
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o500);
  const run = await runServerToExit(serverEnv(dataDir, await freePort()), { withoutRootOverride: true });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Weft cannot open its database at ${dataDir}/weft.db: the folder ${dataDir}/ is not writable by this user (EACCES). Fix its permissions, or set WEFT_DATA_DIR.`);
});

it('a data folder that cannot be created (read-only parent): names both folders, exit 1', async () => {
  chmodSync(root, 0o500);
  const dataDir = path.join(root, 'data');
  const run = await runServerToExit(serverEnv(dataDir, await freePort()), { withoutRootOverride: true });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`the folder ${root}/ is not writable by this user (EACCES), so ${dataDir}/ cannot be created in it`);
});

it('a WAL file left by another user (read-only weft.db-wal): "weft.db-wal exists but cannot be written", exit 1', async () => {
  const dataDir = path.join(root, 'data');
  await existingDatabase(dataDir);
  // What a run under another account leaves behind: its WAL, which this user may not write.
  writeFileSync(path.join(dataDir, 'weft.db-wal'), '');
  chmodSync(path.join(dataDir, 'weft.db-wal'), 0o400);
  const run = await runServerToExit(serverEnv(dataDir, await freePort()), { withoutRootOverride: true });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Weft cannot open its database at ${dataDir}/weft.db: weft.db-wal exists but cannot be written by this user (EACCES).`);
});

it('a weft.db that is not a database (nothing wrong with the folder): SQLite’s own words with the path, exit 1', async () => {
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(path.join(dataDir, 'weft.db'), 'not a database: a file copied over the real one by mistake\n'.repeat(20));
  const run = await runServerToExit(serverEnv(dataDir, await freePort()));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Weft cannot open its database at ${dataDir}/weft.db: SQLite says "file is not a database".`);
});
