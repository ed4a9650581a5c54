import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The store seam, read from the source: only `server/store/` knows which database engine
 * runs. A module elsewhere that imports a driver, reaches for the raw node:sqlite handle
 * or writes SQL only one engine understands would break the server on the other engine,
 * so it fails here instead. (test/ is left out on purpose: the durability and bench
 * harnesses inspect a stopped server's data folder from outside, as an operator would.)
 */

const serverRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const repoRoot = path.resolve(serverRoot, '..');

/** Every .ts file of the server and of shared/ (tests included), relative to the repo. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [path.relative(repoRoot, full)] : [];
  });
}
const outsideStore = [...sources(serverRoot), ...sources(path.join(repoRoot, 'shared'))].filter((f) => !f.startsWith('server/store/'));

const forbidden: [what: string, pattern: RegExp][] = [
  ['imports a database driver', /from ['"](node:sqlite|better-sqlite3|pg|postgres|@lucia-auth\/adapter-[\w-]+)['"]/],
  ['names the raw node:sqlite handle or its statements', /\b(DatabaseSync|StatementSync)\b|\.sqlite\b|\.prepare\(/],
  ['imports an engine file of the store', /from ['"][./]*(store\/)?(sqlite|postgres|pg)\/|node-sqlite-dialect/],
  ['writes SQL one engine only understands', /json_each|PRAGMA|SAVEPOINT|BEGIN IMMEDIATE|pg_advisory|pg_notify|\bRETURNING id\b/],
  ["reads an engine's error codes", /\berrcode\b|SQLITE_[A-Z]|'23505'/],
];

/** The files outside server/store/ that break the seam, with what they do. */
function seamBreaches(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) => forbidden.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${file} ${what}`));
}

describe('the store seam', () => {
  it('no file outside server/store/ touches a driver, the raw handle or engine-specific SQL', () => {
    expect(outsideStore.length).toBeGreaterThan(100);
    expect(seamBreaches(outsideStore.map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') })))).toEqual([]);
  });

  it('catches each way of breaking it', () => {
    const breaches = seamBreaches([
      { file: 'a.ts', text: "import { DatabaseSync } from 'node:sqlite';" },
      { file: 'b.ts', text: "deps.store.sqlite.prepare('SELECT 1')" },
      { file: 'c.ts', text: "import { Pool } from 'pg';" },
      { file: 'd.ts', text: "import { sqliteEngine } from '../store/sqlite/engine';" },
      { file: 'e.ts', text: 'db.selectFrom(sql`json_each(x)`)' },
      { file: 'f.ts', text: "store.transaction((handle) => handle.prepare('INSERT INTO users …').run())" },
      { file: 'g.ts', text: 'const taken = (error as { errcode?: number }).errcode === 2067;' },
      { file: 'h.ts', text: "import { Kysely } from 'kysely'; db.selectFrom('events').selectAll()" },
    ]);
    expect(breaches).toEqual([
      'a.ts imports a database driver', 'a.ts names the raw node:sqlite handle or its statements',
      'b.ts names the raw node:sqlite handle or its statements',
      'c.ts imports a database driver',
      'd.ts imports an engine file of the store',
      'e.ts writes SQL one engine only understands',
      'f.ts names the raw node:sqlite handle or its statements',
      "g.ts reads an engine's error codes",
    ]);
  });
});
