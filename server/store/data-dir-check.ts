import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath, StartupError } from '../lib/startup-error';

/**
 * Why the data folder cannot hold Weft's database, in words a person can act on.
 * SQLite says only "unable to open database file" (or "disk I/O error") for a folder it
 * may not write, a WAL file owned by someone else or a WAL that is a folder; these checks
 * name the path and the cause instead. They run before the database is opened (so a
 * read-only file is caught before a write fails half-way) and again to explain an error.
 */

/** Files in the data folder that Weft and SQLite write; any of them may be left behind. */
const DATA_FILES = ['weft.db', 'weft.db-wal', 'weft.db-shm', 'weft.lock'];

interface Problem {
  cause: string;
  fix: string;
}

const folder = (p: string) => `${displayPath(p)}${path.sep}`;
const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
const isMissing = (error: unknown) => code(error) === 'ENOENT' || code(error) === 'ENOTDIR';

/** The first reason, if any, that `dataDir` cannot hold a writable database. */
export function findDataDirProblem(dataDir: string): Problem | null {
  // The nearest part of the path that exists: the folder itself or the ancestor it would be created in.
  let existing = dataDir;
  for (;;) {
    try {
      statSync(existing);
      break;
    } catch (error) {
      if (!isMissing(error) || path.dirname(existing) === existing) return null;
      existing = path.dirname(existing);
    }
  }
  if (!statSync(existing).isDirectory()) {
    return { cause: `${displayPath(existing)} is a file, not a folder (ENOTDIR)`, fix: 'Move it aside, or set WEFT_DATA_DIR to a folder.' };
  }
  const writable = unwritable(existing);
  if (existing !== dataDir) {
    if (!writable) return null;
    return { cause: `the folder ${folder(existing)} is ${writable}, so ${folder(dataDir)} cannot be created in it`, fix: 'Create it for the user running Weft, or set WEFT_DATA_DIR.' };
  }
  if (writable) return { cause: `the folder ${folder(dataDir)} is ${writable}`, fix: 'Fix its permissions, or set WEFT_DATA_DIR.' };
  for (const name of DATA_FILES) {
    const file = path.join(dataDir, name);
    let isFile: boolean;
    try {
      isFile = lstatSync(file).isFile();
    } catch {
      continue;
    }
    if (!isFile) return { cause: `${name} exists but is not a file`, fix: `Move ${displayPath(file)} aside (Weft keeps a file there), or set WEFT_DATA_DIR.` };
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch (error) {
      return { cause: `${name} exists but cannot be written by this user (${code(error)})`, fix: `Fix the permissions of ${displayPath(file)} (it should belong to the user running Weft), or set WEFT_DATA_DIR.` };
    }
  }
  return null;
}

/** `null` when this process may create files in `dir`, else how it is blocked. */
function unwritable(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    return code(error) === 'EROFS' ? 'on a read-only file system (EROFS)' : `not writable by this user (${code(error)})`;
  }
}

const opening = (dataDir: string) => `Weft cannot open its database at ${displayPath(path.join(dataDir, 'weft.db'))}`;

/** Throws a StartupError naming the path and the cause when the data folder cannot be used. */
export function assertDataDirUsable(dataDir: string): void {
  const problem = findDataDirProblem(dataDir);
  if (problem) throw new StartupError(`${opening(dataDir)}: ${problem.cause}. ${problem.fix}`);
}

/**
 * Turns an error from creating the folder or opening the database into a StartupError:
 * the cause found on disk when there is one, else SQLite's own words with the path.
 */
export function explainOpenError(error: unknown, dataDir: string): Error {
  if (error instanceof StartupError) return error;
  const problem = findDataDirProblem(dataDir);
  if (problem) return new StartupError(`${opening(dataDir)}: ${problem.cause}. ${problem.fix}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  const said = code(error) === 'ERR_SQLITE_ERROR' ? `SQLite says "${message}"` : `${message} (${code(error)})`;
  return new StartupError(
    `${opening(dataDir)}: ${said}. Check that ${folder(dataDir)} and its files belong to the user running Weft and that the disk has space, or set WEFT_DATA_DIR.`,
    { cause: error },
  );
}
