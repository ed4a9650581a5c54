import { ApiError, messageOf } from '../api-error';

/** What to do with an item after a failed attempt. */
export type Verdict =
  | { kind: 'retry'; reason: string; code: string; retryAfterMs?: number; serverDown?: boolean }
  | { kind: 'fail'; reason: string; code: string }
  /** The server said 2xx but its answer could not be read: the action did happen. */
  | { kind: 'done'; reason: string };

/**
 * Refusals: sent again unchanged they would be refused again, so they wait for the user.
 * Once the cause is fixed (reconnect, invite the bot), Retry sends the same key and the
 * server runs the action again: only a success is a key's final answer.
 */
const finalCodes = new Set(['invalid_request', 'provider_rejected', 'connection_expired', 'not_connected', 'not_found']);

/**
 * Retry or give up? Anything that may pass later (no network, server down, provider
 * unavailable, the same key still running, rate limits, a lost session) is retried;
 * a refusal of the request itself fails at once with the server's sentence.
 *
 * @example classify(new ApiError(502, 'provider_unavailable', 'Slack is down.')) // {kind: 'retry', …}
 * @example classify(new ApiError(409, 'not_connected', 'Connect GitHub first…')) // {kind: 'fail', …}
 * @example classify(new ApiError(409, 'conflict', 'This instance is disabled: enable it to run its flows.'), 'run') // {kind: 'fail', …}
 */
export function classify(err: unknown, kind: 'action' | 'run' = 'action'): Verdict {
  if (!(err instanceof ApiError)) return { kind: 'retry', reason: messageOf(err), code: 'internal' };
  const retryAfterMs = err.retryAfter === undefined ? undefined : err.retryAfter * 1000;
  if (err.status >= 200 && err.status < 300) return { kind: 'done', reason: err.message };
  if (err.status === 0) return { kind: 'retry', reason: err.message, code: err.code, serverDown: true };
  if (err.status === 401) return { kind: 'retry', reason: 'Sign in to Weft to send this.', code: 'signed_out' };
  // The provider probably acted but answered in a shape the server does not understand: the
  // server keeps that answer for the key, so sending again could only repeat it.
  if (err.code === 'provider_bad_answer') return { kind: 'fail', reason: err.message, code: err.code };
  // A run's 409 is a refusal ("this instance is disabled: enable it…"), not a key still being answered.
  if (kind === 'run' && err.status === 409) return { kind: 'fail', reason: err.message, code: err.code };
  if (err.status >= 500 || err.status === 429 || err.code === 'conflict') {
    return { kind: 'retry', reason: err.message, code: err.code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (finalCodes.has(err.code) || (err.status >= 400 && err.status < 500)) return { kind: 'fail', reason: err.message, code: err.code };
  return { kind: 'retry', reason: err.message, code: err.code };
}
