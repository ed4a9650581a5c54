import type { z } from 'zod';
import type { CredentialPlacement } from '../../shared/providers/schema';
import { providerRequest, type HttpMethod, type ProviderHttp } from '../providers/provider-http';
import { ProviderError } from '../providers/provider-error';
import { ACTIONS, DESCRIPTION } from '../providers/retry-policy';
import type { UrlResolver } from '../providers/urls';
import type { Limit, RateLimiter } from './rate-limiter';

export interface ApiRequest<T> {
  method?: HttpMethod;
  /** The provider's real URL (api.github.com…); resolved to the configured origin. */
  url: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** What the answer must look like; the call returns it parsed and typed. */
  schema: z.ZodType<T>;
  /** Provider limits this call counts against, beyond the connection-wide one. */
  limits?: Limit[];
  /**
   * The answer only describes what was already done (a link, a name) and the caller can do
   * without it: one attempt, failed at once by a 429 or when the rate limits have no turn
   * free now, so it never holds up the action or the ones queued behind it.
   */
  optional?: boolean;
}

/** What an action handler calls the provider with: one connection's credential and limits, already applied. */
export interface ProviderApi {
  call<T>(req: ApiRequest<T>): Promise<T>;
}

interface ApiContext extends ProviderHttp {
  providerName: string;
  connectionId: string;
  token: string;
  placement: CredentialPlacement;
  resolve: UrlResolver;
  limiter: RateLimiter;
  /** Limits every call of this connection counts against. */
  baseLimits: Limit[];
  /** Provider-specific reading of a 2xx body that is really an error (Slack's ok:false). */
  check?: (json: unknown) => void;
  headers?: Record<string, string>;
}

/**
 * The provider client (providers/provider-http.ts) bound to one connection for actions:
 * its token, the provider's headers, the actions' retry policy, and before every attempt
 * (retries too) a turn under the provider's documented limits, so a burst is spread out
 * instead of answered with 429s.
 */
export function providerApi(ctx: ApiContext): ProviderApi {
  return {
    async call(req) {
      const limits = [...ctx.baseLimits, ...(req.limits ?? [])];
      const answer = await providerRequest(ctx, {
        providerName: ctx.providerName,
        url: ctx.resolve(req.url),
        method: req.method,
        query: req.query,
        credential: { value: ctx.token, placement: ctx.placement },
        headers: ctx.headers,
        json: req.body,
        schema: req.schema,
        check: ctx.check,
        policy: req.optional ? DESCRIPTION : ACTIONS,
        beforeAttempt: async () => {
          if (!req.optional) return void (await ctx.limiter.acquire(ctx.connectionId, limits));
          if (!(await ctx.limiter.tryAcquire(ctx.connectionId, limits))) {
            throw new ProviderError('unavailable', ctx.providerName, `No turn is free under ${ctx.providerName}'s rate limits for a lookup Weft can do without.`);
          }
        },
      });
      return answer.body;
    },
  };
}
