import { tooManyAttempts } from '@@/shared/messages/wait';
import { errorBodySchema, type ErrorBody, type ErrorCode } from '@@/shared/protocol';
import type { BackgroundResult } from './messaging/to-background';

/** Codes the client adds to the server's own: the server was never reached or answered nonsense. */
export type ClientErrorCode = 'unreachable' | 'timeout' | 'bad_response';

/**
 * Any failed call to the Weft server. `message` is always a sentence a user can act on,
 * so the UI can show it as-is.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    message: string,
    /** Seconds to wait before trying again (429), when the server said. */
    readonly retryAfter?: number,
    /** The body's whole `error` object, for routes that say more than code and message (a YAML error's line and column). */
    readonly detail?: ErrorBody['error'],
  ) {
    super(message);
  }
}

/**
 * Turns a non-2xx response into an `ApiError`, trusting the body only when it has the
 * contract's `{error: {code, message}}` shape (a proxy in front may answer with HTML).
 * A 429 is worded here from its Retry-After ("Try again in 15 minutes."), whatever the
 * server or a proxy wrote: the wait is the part a person acts on.
 */
export async function errorFromResponse(res: Response, serverUrl: string): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  const body = await res.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(body);
  if (res.status === 429) {
    return new ApiError(429, parsed.data?.error.code ?? 'rate_limited', tooManyAttempts(retryAfter), retryAfter);
  }
  if (parsed.success) {
    return new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, retryAfter, parsed.data.error);
  }
  return new ApiError(
    res.status,
    'bad_response',
    `The Weft server at ${serverUrl} answered ${res.status} ${res.statusText}`.trim() + '.',
    retryAfter,
  );
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function unreachable(serverUrl: string): ApiError {
  return new ApiError(0, 'unreachable', `Can't reach the Weft server at ${serverUrl}. Is it running?`);
}

export function timedOut(serverUrl: string): ApiError {
  return new ApiError(0, 'timeout', `The Weft server at ${serverUrl} did not answer in time. Try again.`);
}

/** The message to show for anything caught in the UI, ApiError or not. */
export function messageOf(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}

/** Any caught error as a result the background sends back: the sender keeps the code and shows the message. */
export function failure(err: unknown): BackgroundResult {
  return { ok: false, code: err instanceof ApiError ? err.code : 'internal', message: messageOf(err) };
}
