import type { Kysely } from 'kysely';
import type { User } from '../shared/protocol/auth';
import type { WeftLucia } from './accounts/lucia';
import type { SessionEnds } from './accounts/session-ends';
import type { Config } from './config';
import type { Vault } from './connections/vault';
import type { Logger } from './lib/log';
import type { Store } from './store/open';
import type { Database } from './store/schema';
import type { EventLog } from './events/event-log';
import type { PushHub } from './events/push-hub';
import type { RejectedDeliveries } from './hooks/rejections';
import type { SignInThrottle } from './accounts/sign-in-throttle';
import type { TokenService } from './connections/tokens';
import type { RateLimiter } from './actions/rate-limiter';
import type { JobQueue } from './jobs/types';
import type { Lifecycle } from './shutdown';

/** What every route may use; built once in `start.ts` (or by a test). */
export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  store: Store;
  /** The durable event log every browser learns from. */
  events: EventLog;
  /** Live fan-out of committed events to push connections. */
  hub: PushHub;
  /** Refused webhook requests: capped rows, counts, per-address throttling. */
  rejections: RejectedDeliveries;
  lucia: WeftLucia;
  /** Sign-out announces the session's end here; live push streams listen. */
  sessionEnds: SessionEnds;
  vault: Vault;
  log: Logger;
  /** The fetch used to reach providers; tests may wrap it. */
  fetch: typeof fetch;
  tokens: TokenService;
  /** Provider rate limits, per connection. */
  limiter: RateLimiter;
  /** Password-guessing limits for sign-up and sign-in. */
  signInThrottle: SignInThrottle;
  /** Durable background jobs: enqueue in a transaction, cron schedules (server/jobs/). */
  jobs: JobQueue;
  /** Whether this instance is shutting down (readiness answers 503), and the push streams to end when it stops serving. */
  lifecycle: Lifecycle;
}

/** Hono generics for every route: deps in `c.var.deps`, the caller in `c.var.user`. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: User;
    sessionId: string;
  };
}
