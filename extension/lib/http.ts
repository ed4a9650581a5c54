import type { z } from 'zod';
import { routeTo, type ApiRoute, type apiResponses, type RouteParams } from '@@/shared/protocol/routes';
import { ApiError, errorFromResponse, timedOut, unreachable } from './api-error';
import { clearCachedAccountData } from './db';
import { joinUrl } from './server-url';
import { serverUrl, session, sessionNotice } from './settings';

/** Long enough for a provider round-trip on the server (key checks call the provider). */
const timeoutMs = 20_000;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body sent as it is, e.g. an integration's YAML (`application/yaml`), instead of `body` as JSON. */
  text?: { content: string; type: string };
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
  const { res, base } = await send(path, options, 'application/json');
  const parsed = schema.safeParse(res.status === 204 ? {} : await res.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', `The Weft server at ${base} sent an answer this extension does not understand.`);
  }
  return parsed.data;
}

/** A route whose answer is one schema (not the action routes, whose schema depends on the action). */
type JsonRoute = { [R in ApiRoute]: (typeof apiResponses)[R] extends z.ZodType ? R : never }[ApiRoute];
/** What a route answers, parsed. */
export type RouteAnswer<R extends JsonRoute> = z.output<Extract<(typeof apiResponses)[R], z.ZodType>>;

/**
 * `request` for a route of `shared/protocol/routes.ts`: its method, its path with the
 * parameters encoded and its answer's schema come from that table, never spelled again.
 *
 * @example callRoute('GET /api/integrations/:id', { id }, { authed: true })
 * callRoute('GET /api/integrations', {}, { query: { q: 'slack' }, authed: true }) // GET /api/integrations?q=slack
 */
export function callRoute<R extends JsonRoute>(route: R, params: RouteParams<R>, options: Omit<RequestOptions, 'method'> & { query?: Record<string, string | number | undefined> } = {}): Promise<RouteAnswer<R>> {
  const { query, ...rest } = options;
  const { method, path: base, schema } = routeTo(route, params);
  // Blank and absent values are left out: `?q=` would search for nothing.
  const search = new URLSearchParams(Object.entries(query ?? {}).flatMap(([k, v]) => (v === undefined || String(v).trim() === '' ? [] : [[k, String(v)]])));
  const path = search.size ? `${base}?${search}` : base;
  // The table's row for R is a schema of RouteAnswer<R>; TypeScript cannot follow an index by a generic key.
  return request(path, schema as unknown as z.ZodType<RouteAnswer<R>>, { ...rest, method: method as RequestOptions['method'] });
}

/** One call whose answer is text of `accept`'s type (e.g. a version as YAML), not JSON. */
export async function requestText(path: string, accept: string, options: RequestOptions = {}): Promise<string> {
  const { res } = await send(path, options, accept);
  return res.text();
}

/** Sends the request; a non-2xx answer is thrown as an `ApiError`. */
async function send(path: string, options: RequestOptions, accept: string): Promise<{ res: Response; base: string }> {
  const base = options.baseUrl ?? (await serverUrl.getValue());
  const headers: Record<string, string> = { ...options.headers, Accept: accept };
  if (options.text) headers['Content-Type'] = options.text.type;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const current = options.authed ? await session.getValue() : null;
  if (current) headers.Authorization = `Bearer ${current.token}`;

  let res: Response;
  try {
    res = await fetch(joinUrl(base, path), {
      method: options.method ?? 'GET',
      headers,
      body: options.text ? options.text.content : options.body === undefined ? undefined : JSON.stringify(options.body),
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
  return { res, base };
}

/** The server no longer knows our token (expired, revoked, database reset). */
async function forgetExpiredSession(token: string): Promise<void> {
  // A slow call sent with the old token must not sign out a session started since.
  if ((await session.getValue())?.token !== token) return;
  await session.setValue(null);
  await sessionNotice.setValue('Your session ended, sign in again.');
  await clearCachedAccountData();
}
