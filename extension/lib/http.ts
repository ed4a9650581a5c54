import type { z } from 'zod';
import { ApiError, errorFromResponse, timedOut, unreachable } from './api-error';
import { clearCachedAccountData } from './db';
import { joinUrl } from './server-url';
import { serverUrl, session, sessionNotice } from './settings';

/** Long enough for a provider round-trip on the server (key checks call the provider). */
const timeoutMs = 20_000;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send the session's Bearer token; a 401 then means the session is over. */
  authed?: boolean;
  /** Overrides the saved server URL (the options page tests a URL before saving it). */
  baseUrl?: string;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
};

/**
 * One call to the Weft server: JSON in, JSON out, validated with the contract's schema.
 * Every failure becomes an `ApiError` whose message a user can act on.
 */
export async function request<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const base = options.baseUrl ?? (await serverUrl.getValue());
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const current = options.authed ? await session.getValue() : null;
  if (current) headers.Authorization = `Bearer ${current.token}`;

  let res: Response;
  try {
    res = await fetch(joinUrl(base, path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // fetch rejects with a TypeError for DNS, refused connections and CORS alike.
    throw err instanceof DOMException && err.name === 'TimeoutError' ? timedOut(base) : unreachable(base);
  }

  if (!res.ok) {
    const error = await errorFromResponse(res, base);
    if (res.status === 401 && current) await forgetExpiredSession(current.token);
    throw error;
  }
  const parsed = schema.safeParse(res.status === 204 ? {} : await res.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', `The Weft server at ${base} sent an answer this extension does not understand.`);
  }
  return parsed.data;
}

/** The server no longer knows our token (expired, revoked, database reset). */
async function forgetExpiredSession(token: string): Promise<void> {
  // A slow call sent with the old token must not sign out a session started since.
  if ((await session.getValue())?.token !== token) return;
  await session.setValue(null);
  await sessionNotice.setValue('Your session ended, sign in again.');
  await clearCachedAccountData();
}
