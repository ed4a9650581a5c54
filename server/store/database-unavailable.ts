/**
 * True when a query failed because the database cannot be reached right now (the
 * connection was cut, refused, timed out, or PostgreSQL is shutting down or restarting),
 * as opposed to a query that is wrong. Such a failure is the server's to wait out, not a
 * bug: the app answers it with a 503 that says so, and the pool opens new connections
 * once the database is back. Each engine reports it its own way, so this lives in the store.
 *
 * @example isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })) // true
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    return (
      NETWORK_CODES.has(code) ||
      // SQLSTATE class 08 (connection exception); 57P01-03 (admin or crash shutdown, cannot
      // connect now: a restart or failover); 53300 (too many connections).
      /^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300' ||
      PG_CONNECTION_MESSAGES.some((m) => typeof e.message === 'string' && e.message.includes(m))
    );
  });
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What node-postgres says, without a code, when a connection ends under a query or cannot be had. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Connection refused',
];

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** The error, its causes, and the errors of an AggregateError (Node's connect to several addresses). */
function chain(error: unknown, depth = 0): ErrorLike[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const e = error as ErrorLike;
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => chain(x, depth + 1)) : [];
  return [e, ...chain(e.cause, depth + 1), ...nested];
}
