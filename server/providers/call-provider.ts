import type { CredentialPlacement } from '../../shared/providers/schema';
import { ProviderError } from './provider-error';
import { retryDelayMs } from './retry-policy';

export interface ProviderRequest {
  providerName: string;
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  credential?: { value: string; placement: CredentialPlacement };
  headers?: Record<string, string>;
  body?: BodyInit;
  fetch: typeof fetch;
  /** Attempts in all (default 2: identity checks run while a user waits). */
  maxAttempts?: number;
}

/** Puts a credential where the provider expects it (header, query, path, Basic). */
export function applyCredential(url: URL, headers: Headers, value: string, placement: CredentialPlacement): URL {
  if (placement === 'bearer') headers.set('authorization', `Bearer ${value}`);
  else if (placement === 'basic-user') headers.set('authorization', `Basic ${Buffer.from(`${value}:`).toString('base64')}`);
  else if (placement === 'path') return new URL(url.toString().replace(encodeURIComponent('{token}'), value).replace('{token}', value));
  else if (placement.startsWith('authorization:')) headers.set('authorization', `${placement.slice('authorization:'.length)} ${value}`);
  else if (placement.startsWith('header:')) headers.set(placement.slice('header:'.length), value);
  else if (placement.startsWith('query:')) url.searchParams.set(placement.slice('query:'.length), value);
  return url;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One HTTP call to a provider with a JSON answer. Maps failures to ProviderError with the
 * provider's own message where it gives one; never includes the credential in a message.
 */
export async function callProvider<T = unknown>(req: ProviderRequest): Promise<{ status: number; headers: Headers; json: T }> {
  const headers = new Headers({ accept: 'application/json', 'user-agent': 'Weft', ...req.headers });
  let url = new URL(req.url);
  if (req.credential) url = applyCredential(url, headers, req.credential.value, req.credential.placement);
  // The same retry policy as actions, shorter: a person is waiting on this answer.
  const policy = { maxAttempts: req.maxAttempts ?? 2, maxWaitMs: 5_000 };
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await req.fetch(url, { method: req.method ?? 'GET', headers, body: req.body, signal: AbortSignal.timeout(15_000) });
    } catch {
      const wait = retryDelayMs('network', null, attempt, Math.random, policy);
      if (wait !== null) { await sleep(wait); continue; }
      throw new ProviderError('unavailable', req.providerName, `Could not reach ${req.providerName}. Check your network and try again.`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok) return { status: response.status, headers: response.headers, json: json as T };
    const reason = providerMessage(json) ?? `HTTP ${response.status}`;
    const wait = retryDelayMs(response.status, response.headers, attempt, Math.random, policy);
    if (wait !== null) { await sleep(wait); continue; }
    if (response.status === 401) {
      throw new ProviderError('unauthorized', req.providerName, `${req.providerName} rejected the credentials: ${reason}`, 401);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new ProviderError('unavailable', req.providerName, `${req.providerName} is not answering right now (${reason}). Try again shortly.`, response.status);
    }
    throw new ProviderError('rejected', req.providerName, `${req.providerName} refused the request: ${reason}`, response.status);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The human part of a provider's error body, in the shapes GitHub, HubSpot and Slack use. */
export function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return readable(body);
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error']) {
    if (typeof b[key] === 'string' && b[key]) return readable(b[key] as string);
  }
  return undefined;
}

/**
 * A provider's words as a person sees them beside Weft's own: the first sentence, no
 * links or markup ("…you can find more details at https://developers…" helps nobody
 * in a popup), a bare code like `invalid_auth` read as words, 160 characters at most.
 *
 * @example readable('Authentication credentials not found. This API supports OAuth 2.0 … at https://…') // 'Authentication credentials not found.'
 */
export function readable(text: string): string | undefined {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  const first = /^(.+?[.!?])(?:\s|$)/.exec(plain)?.[1] ?? plain;
  const words = /^[a-z]+(?:_[a-z]+)+$/.test(first) ? first.replace(/_/g, ' ') : first;
  return words.length > 160 ? `${words.slice(0, 159).trimEnd()}…` : words;
}
