import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log';

/** Files under the data directory that hold secrets: the database (and its WAL), the vault key. */
export const SECRET_FILES = ['weft.db', 'weft.db-wal', 'weft.db-shm', 'secret.key'] as const;

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Makes the data directory private to the server's user: the directory 0700, the
 * database, its WAL and shared-memory files and the key file 0600. An existing directory
 * or file with looser modes (from an older Weft, a copy or a restore) is tightened and the
 * change logged; one that cannot be tightened (not ours) is logged as a warning naming
 * what to run. The database file is created here, empty, so that SQLite, which gives its
 * -wal and -shm files the database file's mode, creates those 0600 as well.
 */
export function prepareDataDir(dataDir: string, log?: Logger): string {
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  tighten(dataDir, DIR_MODE, log);
  const database = path.join(dataDir, 'weft.db');
  if (!existsSync(database)) closeSync(openSync(database, 'a', FILE_MODE));
  tightenFiles(dataDir, log);
  return database;
}

/** Tightens whichever of the secret files exist; called again once SQLite has made its own. */
export function tightenFiles(dataDir: string, log?: Logger): void {
  for (const name of SECRET_FILES) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) tighten(file, FILE_MODE, log);
  }
}

/** Takes away what `allowed` does not grant; never adds a permission (a read-only folder stays read-only). */
function tighten(target: string, allowed: number, log?: Logger): void {
  const mode = statSync(target).mode & 0o777;
  const tightened = mode & allowed;
  if (tightened === mode) return;
  try {
    chmodSync(target, tightened);
    log?.warn(`Tightened the permissions of ${target} from ${octal(mode)} to ${octal(tightened)}: it holds secrets only Weft should read.`, { path: target });
  } catch (error) {
    log?.warn(
      `${target} can be read by other users (mode ${octal(mode)}) and Weft could not change that (${(error as Error).message}). Run: chmod ${octal(tightened)} ${target}`,
      { path: target },
    );
  }
}
