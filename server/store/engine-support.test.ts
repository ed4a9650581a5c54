import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../lib/startup-error';
import { assertServerRunsOn, SQLITE_ONLY_PARTS } from './engine-support';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.dirname(SERVER);

/** What marks a file as using SQLite directly: the driver, the raw handle, its transaction, its error codes. */
const SQLITE_DIRECT = /from 'node:sqlite'|\bstore\.sqlite\b|\bstore\.transaction\(|\bSQLITE_[A-Z_]+/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('which parts of the server can run on PostgreSQL', () => {
  it('every server file outside store/ (and the test helpers) that uses SQLite directly is listed, so start-up on PostgreSQL refuses while it does', () => {
    const direct = sourceFiles(SERVER)
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('server/store/') && !f.startsWith('server/testing/'))
      .filter((f) => SQLITE_DIRECT.test(readFileSync(path.join(ROOT, f), 'utf8')));
    const unlisted = direct.filter((f) => !SQLITE_ONLY_PARTS.some((p) => f === p.path || f.startsWith(`${p.path}/`)));
    expect(unlisted).toEqual([]);
    // And the scan finds what it is meant to: today's event log uses the raw handle.
    expect(direct).toContain('server/events/event-log.ts');
  });

  it('on PostgreSQL, start-up refuses in one line that names WEFT_DATABASE_URL and each part still on SQLite; SQLite is never refused', () => {
    expect(() => assertServerRunsOn('sqlite')).not.toThrow();
    expect(() => assertServerRunsOn('postgres', [])).not.toThrow();
    let error: unknown;
    try {
      assertServerRunsOn('postgres', [{ path: 'server/events', what: 'the event log' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      'WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts still use SQLite directly: the event log (server/events). Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.',
    );
  });
});
