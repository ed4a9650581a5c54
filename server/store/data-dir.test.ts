import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../app-context';
import { loadConfig } from '../config';
import { createLogger } from '../lib/log';
import { buildDeps } from '../start';
import { prepareDataDir } from './data-dir';

const dirs: string[] = [];
let deps: AppDeps | undefined;
afterEach(async () => {
  await deps?.store.close();
  deps = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (p: string) => `0${(statSync(p).mode & 0o777).toString(8)}`;

/** Starts on `dataDir` with no WEFT_SECRET_KEY (so secret.key is used) and writes a row (so the WAL exists). */
async function start(dataDir: string, logLines: string[] = []) {
  deps = await buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir }), log: createLogger((l) => logLines.push(l)) });
  await deps.db.insertInto('meta').values({ key: 'probe', value: 'x' }).onConflict((oc) => oc.doNothing()).execute();
  return deps;
}

function freshParent() {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-modes-'));
  dirs.push(dir);
  return dir;
}

describe('data directory permissions', () => {
  it('creates the data directory 0700 and the database, WAL, shared memory and key files 0600', async () => {
    const dataDir = path.join(freshParent(), 'data');
    await start(dataDir);
    expect(modeOf(dataDir)).toBe('0700');
    for (const name of ['weft.db', 'weft.db-wal', 'weft.db-shm', 'secret.key']) {
      expect(`${name} ${modeOf(path.join(dataDir, name))}`).toBe(`${name} 0600`);
    }
  });

  it('tightens an existing directory and files left readable by others, and says so', async () => {
    const dataDir = path.join(freshParent(), 'data');
    await start(dataDir);
    await deps!.store.close();
    deps = undefined;
    // As an older Weft (or a restore from a backup) left them.
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'weft.db'), 0o644);
    chmodSync(path.join(dataDir, 'secret.key'), 0o644);
    writeFileSync(path.join(dataDir, 'weft.db-shm'), '', { mode: 0o666 });
    chmodSync(path.join(dataDir, 'weft.db-shm'), 0o666);

    const logLines: string[] = [];
    await start(dataDir, logLines);
    expect(modeOf(dataDir)).toBe('0700');
    for (const name of ['weft.db', 'weft.db-wal', 'weft.db-shm', 'secret.key']) {
      expect(`${name} ${modeOf(path.join(dataDir, name))}`).toBe(`${name} 0600`);
    }
    const log = logLines.join('\n');
    expect(log).toContain(`Tightened the permissions of ${dataDir} from 0755 to 0700`);
    expect(log).toContain(`Tightened the permissions of ${path.join(dataDir, 'secret.key')} from 0644 to 0600`);
  });

  it('only takes permissions away: a read-only key file stays read-only', () => {
    const dataDir = path.join(freshParent(), 'data');
    mkdirSync(dataDir, { mode: 0o750 });
    chmodSync(dataDir, 0o750);
    writeFileSync(path.join(dataDir, 'secret.key'), 'k', { mode: 0o444 });
    chmodSync(path.join(dataDir, 'secret.key'), 0o444);
    prepareDataDir(dataDir);
    expect(modeOf(dataDir)).toBe('0700');
    expect(modeOf(path.join(dataDir, 'secret.key'))).toBe('0400');
    expect(modeOf(path.join(dataDir, 'weft.db'))).toBe('0600');
  });

  it('leaves a directory that is already private alone, without a warning', async () => {
    const dataDir = path.join(freshParent(), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const logLines: string[] = [];
    await start(dataDir, logLines);
    expect(logLines.join('\n')).not.toContain('Tightened');
  });
});
