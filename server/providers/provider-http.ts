import type { z } from 'zod';
import { waitText } from '../../shared/messages/wait';
import type { CredentialPlacement } from '../../shared/providers/schema';
import { networkFailure } from '../lib/network-failure';
import { applyCredential } from './credential-placement';
import { ProviderError } from './provider-error';
import { providerMessage } from './provider-message';
import { INTERACTIVE, isRateLimited, retryDecision, type RetryPolicy } from './retry-policy';
import { readBounded } from './read-bounded';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ProviderCall<T> {
  providerName: string;
  /** The resolved URL (the real provider's, or the configured emulator's). */
  url: string;
  method?: HttpMethod;
  query?: Record<string, string | number | undefined>;
  credential?: { value: string; placement: CredentialPlacement };
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
  /** Reads a 2xx answer: the result is what it returns, typed. Without it, the parsed JSON as `unknown`. */
  schema?: z.ZodType<T>;
  /** A 2xx answer that is really an error (Slack's `ok: false`): throws a ProviderError. */
  check?: (body: unknown) => void;
  policy?: RetryPolicy;
  /** Waits its turn before each attempt (the actions' rate limiter). */
  beforeAttempt?: () => Promise<void>;
}

export interface ProviderAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** What the client needs from outside: fetch, and (for tests) the clock's sleep and jitter. */
export interface ProviderHttp {
  fetch: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Methods that may be sent again after an attempt timed out: sent twice, they do what once does. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);
const TIMED_OUT = Symbol('timed out');

/**
 * Every HTTP call Weft makes to a provider's API (identity checks, revocation, actions)
 * goes through here, so all of them share one retry policy and one set of sentences:
 * 429/5xx/network failures retried a bounded number of times after `Retry-After` or a
 * jittered backoff (retry-policy.ts), a timeout per attempt, a bound on the answer's
 * size, and failures as ProviderErrors a user can act on. The credential never appears
 * in a message. OAuth token exchanges go through oauth4webapi instead (it owns that
 * protocol), with the same fetch.
 *
 * @example
 * const { body } = await providerRequest({ fetch }, { providerName: 'Slack', url, method: 'POST', schema: authTest });
 */
export async function providerRequest<T = unknown>(http: ProviderHttp, call: ProviderCall<T>): Promise<ProviderAnswer<T>> {
  const policy = call.policy ?? INTERACTIVE;
  const method = call.method ?? 'GET';
  const name = call.providerName;
  const headers = new Headers({ accept: 'application/json', 'user-agent': 'Weft', ...call.headers });
  let url = new URL(call.url);
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  if (call.credential) url = applyCredential(url, headers, call.credential.value, call.credential.placement);
  let body: BodyInit | undefined;
  if (call.json !== undefined) {
    headers.set('content-type', 'application/json; charset=utf-8');
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = call.form.toString();
  }
  const sleep = http.sleep ?? sleepFor;
  const random = http.random ?? Math.random;

  for (let attempt = 1; ; attempt++) {
    await call.beforeAttempt?.();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), policy.timeoutMs);
    let status: number;
    let answerHeaders: Headers;
    let text: string;
    let tooBig: boolean;
    try {
      const response = await http.fetch(url, { method, headers, body, signal: controller.signal });
      status = response.status;
      answerHeaders = response.headers;
      ({ text, tooBig } = await readBounded(response, policy.maxBodyBytes));
    } catch (error) {
      const timedOut = controller.signal.reason === TIMED_OUT;
      const failed = timedOut ? { kind: 'unknown' as const } : networkFailure(error);
      if (failed.kind === 'certificate') {
        throw new ProviderError('unavailable', name, `Weft could not verify ${name}'s certificate (${failed.code}), so nothing was sent.`);
      }
      // A write that timed out, or whose connection broke after it was opened (a reset can
      // come after the provider read the whole request), may have been done: sending it
      // again could do it twice. Only a connection that was never made proves it was not.
      const mayResend = IDEMPOTENT.has(method) || failed.kind === 'not_sent';
      const decision = mayResend ? retryDecision('network', null, attempt, policy, random) : { retry: false as const };
      if (decision.retry) { await sleep(decision.waitMs); continue; }
      const maybeDone = mayResend ? ' Try again shortly.' : ` It may have done it: check ${name} before trying again.`;
      if (timedOut) throw new ProviderError('unavailable', name, `${name} did not answer within ${Math.round(policy.timeoutMs / 1000)} seconds.${maybeDone}`);
      if (failed.kind === 'not_sent') throw new ProviderError('unavailable', name, `Could not reach ${name} (${failed.code}). Try again shortly.`);
      if (IDEMPOTENT.has(method)) throw new ProviderError('unavailable', name, `Could not reach ${name}. Try again shortly.`);
      throw new ProviderError('unavailable', name, `The connection to ${name} broke before it answered${failed.code ? ` (${failed.code})` : ''}.${maybeDone}`);
    } finally {
      clearTimeout(timer);
    }

    const json = parseJson(text);
    if (status >= 200 && status < 300) {
      if (tooBig) throw badAnswer(name, method, `it is larger than ${sizeText(policy.maxBodyBytes)}, the most Weft reads`);
      call.check?.(json);
      return { status, headers: answerHeaders, body: readAnswer(call, method, json) };
    }
    const decision = retryDecision(status, answerHeaders, attempt, policy, random);
    if (decision.retry) { await sleep(decision.waitMs); continue; }
    throw failure(name, status, answerHeaders, providerMessage(json), attempt, decision.retryAfterMs);
  }
}

function readAnswer<T>(call: ProviderCall<T>, method: HttpMethod, json: unknown): T {
  if (!call.schema) return json as T;
  const parsed = call.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw badAnswer(call.providerName, method, `${where}${issue.message}`);
}

function badAnswer(name: string, method: HttpMethod, what: string): ProviderError {
  const maybeDone = method === 'GET' ? '' : ` It may have done it: check ${name} before trying again.`;
  return new ProviderError('bad_answer', name, `${name} sent an answer Weft could not read (${what}).${maybeDone}`);
}

/** The error for a final non-2xx answer, worded for the person who will read it. */
function failure(name: string, status: number, headers: Headers, said: string | undefined, attempts: number, retryAfterMs?: number): ProviderError {
  const reason = said ?? `HTTP ${status}`;
  if (status === 401) return new ProviderError('unauthorized', name, `${name} rejected the credentials: ${reason}`, status);
  if (isRateLimited(status, headers)) {
    const when = retryAfterMs === undefined ? 'Wait a moment, then try again.' : `Try again ${waitText(retryAfterMs / 1000)}.`;
    return new ProviderError('unavailable', name, `${name} is rate limiting Weft (${reason}). ${when}`, status, retryAfterMs);
  }
  if (status >= 500) {
    const tries = attempts === 1 ? '' : `; tried ${attempts} times`;
    const what = said ? `${status} ${said}` : `HTTP ${status}`;
    return new ProviderError('unavailable', name, `${name} is not answering right now (${what}${tries}). Try again shortly.`, status, retryAfterMs);
  }
  return new ProviderError('rejected', name, `${name} refused the request: ${reason}`, status);
}

/** @example sizeText(5 << 20) // '5 MB' */
const sizeText = (bytes: number) => (bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
