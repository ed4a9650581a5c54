import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { displayPath, StartupError } from '../lib/startup-error';

/**
 * One Weft server per data folder. Two servers on one database would each run the
 * refresh sweep and the event log's group commit, and hand out cursors the other does
 * not know.
 *
 * The lock is an exclusive SQLite lock on `weft.lock`, held for the life of the
 * connection. It is the operating system's lock (fcntl on Unix, LockFileEx on Windows),
 * so it is released the moment the process dies, even by SIGKILL: a stale lock cannot
 * exist, and nothing has to guess from a pid whether its owner is alive (a pid file with
 * a liveness check takes over wrongly when the pid has been reused, and never when the
 * owner runs as another user). `weft.pid` beside it only names the holder in the message.
 */
export interface DataDirLock {
  release(): void;
}

export const LOCK_FILE = 'weft.lock';
export const PID_FILE = 'weft.pid';

/** Takes the data folder's lock, or throws a StartupError naming the server that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = path.join(dataDir, LOCK_FILE);
  const pidFile = path.join(dataDir, PID_FILE);
  const handle = new DatabaseSync(lockFile);
  try {
    // EXCLUSIVE locking mode keeps the lock taken by the first write until close;
    // an in-memory journal leaves no journal file behind.
    handle.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); COMMIT;');
  } catch (error) {
    handle.close();
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) throw inUse(dataDir, readPid(pidFile));
    throw error;
  }
  chmodSync(lockFile, 0o600);
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      if (readPid(pidFile) === process.pid) rmSync(pidFile, { force: true });
      handle.close();
    },
  };
}

const SQLITE_BUSY = 5;

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function inUse(dataDir: string, pid: number | null): StartupError {
  const who = pid === null ? 'Another Weft server' : `Another Weft server (pid ${pid})`;
  return new StartupError(`${who} is using ${displayPath(dataDir)}${path.sep}. Stop it, or set WEFT_DATA_DIR to another folder.`);
}
