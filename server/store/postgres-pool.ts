import pg from 'pg';
import type { Logger } from '../lib/log';
import { StartupError } from '../lib/startup-error';
import { databaseTarget } from './database-url';
import { NulFreeClient } from './postgres/nul-free-client';

/**
 * A `pg` pool for the store. int8 (bigint ids, COUNT(*)) is read as a JS number, as
 * SQLite's integers are, so query code sees the same types on both engines; ids stay far
 * below 2^53. A connection attempt gives up after 10 s instead of pg's default (never),
 * so an unreachable host stops start-up rather than hanging it. Its connections write
 * U+FFFD for U+0000 in string parameters, which PostgreSQL's text cannot hold
 * (postgres/nul-free-client.ts).
 */
export function createPostgresPool(url: string, size: number, log?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    Client: NulFreeClient,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops (a restart, a failover) is reported here;
  // without a listener pg's error would end the process. The pool opens a new one when next asked.
  pool.on('error', (error) => log?.warn('PostgreSQL dropped an idle connection', { error: error.message }));
  // The pool listens only while a connection is idle. One that is lost while checked out
  // (PostgreSQL restarting, the network cut between a checkout and its query) emits
  // 'error' on the client too, and with no listener that would end the process. Its query
  // already fails with that error (the request answers 503), and the pool discards the
  // broken connection when it comes back, so there is nothing more to do here.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * Connects once, so an unreachable or misconfigured PostgreSQL stops start-up with one
 * line that names WEFT_DATABASE_URL, where Weft tried, and the cause.
 */
export async function assertPostgresReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    throw explainPostgresError(error, url);
  }
}

/** Connects once and lets go: what `npm start` checks before it builds the extension. */
export async function probePostgres(url: string): Promise<void> {
  const pool = createPostgresPool(url, 1);
  try {
    await assertPostgresReachable(pool, url);
  } finally {
    await pool.end();
  }
}

export function explainPostgresError(error: unknown, url: string): StartupError {
  const code = (error as { code?: string } | undefined)?.code;
  const said = error instanceof Error ? error.message : String(error);
  const cause =
    code === 'ECONNREFUSED' ? 'connection refused (ECONNREFUSED): nothing is listening there'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `the host name does not resolve (${code})`
    : code === 'ETIMEDOUT' || /timeout/i.test(said) ? 'no answer within 10 seconds'
    : code === '28P01' || code === '28000' ? `PostgreSQL refused the user or password (${said})`
    : code === '3D000' ? `the database does not exist (${said})`
    // pg's words when the other end hangs up before the handshake: something that is not
    // PostgreSQL (a web server, another service) answered on that port.
    : /^Connection terminated unexpectedly/.test(said) ? 'the connection was closed before PostgreSQL answered (something other than PostgreSQL may be listening on that port)'
    : `${said}${code ? ` (${code})` : ''}`;
  return new StartupError(
    `Weft cannot reach PostgreSQL at ${databaseTarget(url)} (WEFT_DATABASE_URL): ${cause}. Check that PostgreSQL is running and the URL is right, or unset WEFT_DATABASE_URL to use SQLite under WEFT_DATA_DIR.`,
    { cause: error },
  );
}
