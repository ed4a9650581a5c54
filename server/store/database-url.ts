/**
 * `WEFT_DATABASE_URL`: when set, the store runs on PostgreSQL at that URL instead of
 * SQLite under WEFT_DATA_DIR. Messages about it show the URL without its password
 * (`shownDatabaseUrl`), since start-up errors end up in terminals and CI logs.
 */

const EXAMPLE = 'postgres://user:password@host:5432/weft';

/** Hides the password of a URL-like string, even one that does not parse. */
export function shownDatabaseUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/**
 * Checks that `value` is a PostgreSQL URL and returns it trimmed; otherwise throws with a
 * sentence that names the variable, what it got (password hidden) and the form it needs.
 *
 * @example checkDatabaseUrl('mysql://db/weft') // throws 'WEFT_DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/weft), got "mysql://db/weft"'
 */
export function checkDatabaseUrl(value: string): string {
  const url = value.trim();
  const refuse = (why: string) => new Error(`WEFT_DATABASE_URL ${why} (${EXAMPLE}), got "${shownDatabaseUrl(url)}"`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('must be a PostgreSQL URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw refuse('must be a PostgreSQL URL');
  // Without a host, pg would quietly try a local socket; a socket folder is given as ?host=/path.
  if (!parsed.hostname && !parsed.searchParams.get('host')) throw refuse('names no host');
  if (parsed.pathname.length <= 1) throw refuse('names no database');
  return url;
}

/** `host:port/database` of a checked URL: where Weft tried to connect, for messages. */
export function databaseTarget(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  return `${host}:${parsed.port || '5432'}${decodeURIComponent(parsed.pathname)}`;
}
