import type { CredentialPlacement } from '../../shared/providers/schema';
import { applyCredential, providerMessage } from '../providers/call-provider';
import { ProviderError } from '../providers/provider-error';
import { retryDelayMs } from '../providers/retry-policy';
import type { UrlResolver } from '../providers/urls';
import type { Limit, RateLimiter } from './rate-limiter';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The provider's real URL (api.github.com…); resolved to the configured origin. */
  url: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON, or as a form when `form` is true (Slack accepts both). */
  body?: unknown;
  /** Provider limits this call counts against, beyond the connection-wide one. */
  limits?: Limit[];
}

export interface ProviderApi {
  call<T = any>(req: ApiRequest): Promise<T>;
}

interface ApiContext {
  providerName: string;
  connectionId: string;
  token: string;
  placement: CredentialPlacement;
  resolve: UrlResolver;
  fetch: typeof fetch;
  limiter: RateLimiter;
  /** Limits every call of this connection counts against. */
  baseLimits: Limit[];
  sleep?: (ms: number) => Promise<void>;
  /** Provider-specific reading of a 2xx body that is really an error (Slack's ok:false). */
  check?: (json: any) => void;
  headers?: Record<string, string>;
}

/**
 * The HTTP client provider actions use: waits its turn under the provider's documented
 * limits, retries 429/5xx/network failures with Retry-After or jittered backoff a bounded
 * number of times, then fails with a ProviderError naming the provider and the reason.
 */
export function providerApi(ctx: ApiContext): ProviderApi {
  const sleep = ctx.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  return {
    async call(req) {
      const url = new URL(ctx.resolve(req.url));
      for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      const headers = new Headers({ accept: 'application/json', 'user-agent': 'Weft', ...ctx.headers });
      applyCredential(url, headers, ctx.token, ctx.placement);
      if (req.body !== undefined) headers.set('content-type', 'application/json; charset=utf-8');
      for (let attempt = 1; ; attempt++) {
        await ctx.limiter.acquire(ctx.connectionId, [...ctx.baseLimits, ...(req.limits ?? [])]);
        let response: Response;
        try {
          response = await ctx.fetch(url, {
            method: req.method ?? 'GET', headers, signal: AbortSignal.timeout(20_000),
            body: req.body === undefined ? undefined : JSON.stringify(req.body),
          });
        } catch {
          const wait = retryDelayMs('network', null, attempt);
          if (wait !== null) { await sleep(wait); continue; }
          throw new ProviderError('unavailable', ctx.providerName, `Could not reach ${ctx.providerName} after ${attempt} tries.`);
        }
        const text = await response.text();
        let json: any = null;
        try { json = text ? JSON.parse(text) : null; } catch { json = text; }
        if (response.ok) {
          ctx.check?.(json);
          return json;
        }
        const wait = retryDelayMs(response.status, response.headers, attempt);
        if (wait !== null) { await sleep(wait); continue; }
        const reason = providerMessage(json) ?? `HTTP ${response.status}`;
        if (response.status === 401) throw new ProviderError('unauthorized', ctx.providerName, `${ctx.providerName} rejected the credentials (${reason})`, 401);
        if (response.status === 429 || response.status >= 500 || (response.status === 403 && response.headers.has('retry-after'))) {
          throw new ProviderError('unavailable', ctx.providerName, `${ctx.providerName} kept answering ${response.status} after ${attempt} tries (${reason}). Weft will try again later.`, response.status);
        }
        throw new ProviderError('rejected', ctx.providerName, `${ctx.providerName} refused: ${reason}`, response.status);
      }
    },
  };
}
