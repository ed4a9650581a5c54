import type { AppDeps } from '../app-context';
import { sweepExpiredGrants } from '../connections/claim';
import { deleteExpiredStates } from '../connections/oauth-state';
import { deleteExpiredRefreshLeases } from '../connections/refresh-lease';
import { runRetention } from '../events/retention-sweep';
import { flowSchedules, flowTasks } from '../flows/runner/tasks';
import { runDeliveryJob } from '../flows/steps/webhook-attempt';
import { pruneDeliveries, WEBHOOK_DELIVERY_TASK } from '../flows/steps/webhook-outbox';
import { SLIDING_WINDOW_ROWS_CAP } from '../store/sliding-windows';
import type { Schedule, TaskHandler } from './types';

/** Dead jobs are kept this long for someone to look at, then forgotten. */
export const DEAD_JOBS_KEPT_MS = 14 * 24 * 60 * 60_000;

/**
 * The server's own background work, as cron schedules run by its job runner (start.ts).
 * Each fires once per due time across every instance sharing the database, and a
 * schedule's runs never overlap (its jobs share a lane). A sweep gets one try: the next
 * run does the same work, so a retry would only queue behind it.
 */
export const serverSchedules: Schedule[] = [
  // Tokens that expire soon are refreshed even when nobody is using them.
  { name: 'refresh-expiring-tokens', cron: '* * * * *', task: 'connections.refresh-expiring', maxAttempts: 1 },
  // OAuth states are single-use and expire in 10 minutes; the stale ones are dropped.
  { name: 'drop-expired-oauth-states', cron: '* * * * *', task: 'oauth.drop-expired-states', maxAttempts: 1 },
  // Grants nobody claimed in 10 minutes are deleted and their tokens revoked at the provider.
  { name: 'sweep-expired-oauth-grants', cron: '* * * * *', task: 'oauth.sweep-expired-grants', maxAttempts: 1 },
  // Sign-in throttle and provider budget turns that stopped counting are deleted (the table
  // is capped), and so are refresh leases that ran out (their holder died mid-refresh).
  { name: 'prune-limit-stamps', cron: '* * * * *', task: 'limits.prune', maxAttempts: 1 },
  // Events and deliveries past WEFT_EVENT_RETENTION_DAYS / _COUNT are pruned, then the file shrinks.
  { name: 'prune-events-and-deliveries', cron: '7 * * * *', task: 'events.prune', maxAttempts: 1 },
  { name: 'forget-old-dead-jobs', cron: '17 3 * * *', task: 'jobs.forget-old-dead', maxAttempts: 1 },
  // Flows: event trigger matching's backstop, run retention (server/flows/runner/tasks.ts).
  ...flowSchedules,
  // Flows' outbound webhooks: delivered ones after 7 days, dead-lettered ones after 14.
  { name: 'prune-flow-webhooks', cron: '27 * * * *', task: 'flows.prune-webhooks', maxAttempts: 1 },
];

export function serverTasks(deps: AppDeps): Record<string, TaskHandler> {
  return {
    'connections.refresh-expiring': () => deps.tokens.refreshExpiring(),
    'oauth.drop-expired-states': () => deleteExpiredStates(deps.db),
    'oauth.sweep-expired-grants': () => sweepExpiredGrants(deps),
    'limits.prune': async () => {
      await deps.store.windows.prune(Date.now(), SLIDING_WINDOW_ROWS_CAP);
      await deleteExpiredRefreshLeases(deps.db, Date.now());
    },
    'events.prune': ({ signal }) => runRetention(deps, signal),
    'jobs.forget-old-dead': async () => void (await deps.jobs.forgetDead(Date.now() - DEAD_JOBS_KEPT_MS)),
    // Flow runs: one job per step, event trigger matching, failure notices, retention.
    ...flowTasks(deps),
    // The next try of an outbound webhook (its retries are rows of its own, webhook-outbox.ts).
    [WEBHOOK_DELIVERY_TASK]: ({ payload, signal }) => runDeliveryJob(deps, String(payload.id), { signal }),
    'flows.prune-webhooks': async () => void (await pruneDeliveries(deps.db)),
  };
}
