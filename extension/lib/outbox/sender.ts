import { db } from '../db';
import { backoffDelay } from '../push/backoff';
import { classify } from './classify';
import { updateItem } from './store';
import type { OutboxItem } from './types';

/** The first retry waits about 2 s; none waits more than 5 minutes. */
export const retryBaseMs = 2_000;
export const retryCapMs = 5 * 60_000;

export type SenderOptions = {
  /** One attempt at the server, with the item's idempotency key. */
  send: (item: OutboxItem) => Promise<{ result: unknown }>;
  /** The signed-in account (`<server> <user id>`), or null when signed out: nothing is sent then. */
  owner: () => Promise<string | null>;
  /** Every state change of an item (queued → sending → done/failed/queued again). */
  onChange: (item: OutboxItem) => void;
  /** The earliest automatic retry, or null for none: the caller sets a timer (an alarm backs it up). */
  schedule: (at: number | null) => void;
  random?: () => number;
};

/**
 * Sends queued items one by one, oldest first. One pass runs at a time; a flush asked for
 * while one runs starts another pass after it, so nothing enqueued meanwhile waits for the
 * timer. `force` sends every queued item now (server back, Retry, sign-in), else only
 * those whose `nextAttemptAt` has come.
 *
 * @example
 * const sender = createOutboxSender({ send: (i) => api.action(…), owner, onChange: broadcast, schedule });
 * await sender.flush();
 */
export function createOutboxSender(options: SenderOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let againForced = false;

  async function pass(force: boolean): Promise<void> {
    const owner = await options.owner();
    if (!owner) return options.schedule(null);
    const now = Date.now();
    const due = (await db.outbox.where('status').equals('queued').filter((i) => i.owner === owner).sortBy('createdAt')).filter(
      (i) => force || (i.nextAttemptAt ?? 0) <= now,
    );
    let parked: { reason: string; code: string; at: number } | null = null;
    for (const queued of due) {
      if (parked) {
        // The server is unreachable: the others wait with the same reason instead of each timing out.
        const p = parked;
        const waiting = await updateItem(queued.id, (i) => i.status === 'queued', { lastError: p.reason, lastErrorCode: p.code, nextAttemptAt: p.at });
        if (waiting) options.onChange(waiting);
        continue;
      }
      const item = await updateItem(queued.id, (i) => i.status === 'queued', { status: 'sending', attempts: queued.attempts + 1 });
      if (!item) continue;
      options.onChange(item);
      parked = await attempt(item);
    }
    options.schedule(await nextDue(owner));
  }

  /** Sends one item and stores the outcome; returns how to park the rest when the server is down. */
  async function attempt(item: OutboxItem): Promise<{ reason: string; code: string; at: number } | null> {
    let change: Partial<OutboxItem>;
    let parked = null;
    try {
      const { result } = await options.send(item);
      change = { status: 'done', result, lastError: null, lastErrorCode: null, nextAttemptAt: null };
    } catch (err) {
      const verdict = classify(err, item.run ? 'run' : 'action');
      if (verdict.kind === 'done') {
        change = { status: 'done', lastError: null, lastErrorCode: null, nextAttemptAt: null };
      } else if (verdict.kind === 'fail') {
        change = { status: 'failed', lastError: verdict.reason, lastErrorCode: verdict.code, nextAttemptAt: null };
      } else {
        const wait = Math.max(verdict.retryAfterMs ?? 0, backoffDelay(item.attempts - 1, options.random, { baseMs: retryBaseMs, capMs: retryCapMs }));
        const at = Date.now() + wait;
        change = { status: 'queued', lastError: verdict.reason, lastErrorCode: verdict.code, nextAttemptAt: at };
        if (verdict.serverDown || verdict.code === 'signed_out') parked = { reason: verdict.reason, code: verdict.code, at };
      }
    }
    const stored = await updateItem(item.id, (i) => i.status === 'sending', change);
    if (stored) options.onChange(stored);
    return parked;
  }

  async function nextDue(owner: string): Promise<number | null> {
    const queued = await db.outbox.where('status').equals('queued').filter((i) => i.owner === owner).toArray();
    const times = queued.map((i) => i.nextAttemptAt ?? Date.now());
    return times.length ? Math.min(...times) : null;
  }

  function flush({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (running) {
      again = true;
      againForced ||= force;
      return running;
    }
    const run = (async () => {
      let nextForce = force;
      do {
        again = false;
        againForced = false;
        try {
          await pass(nextForce);
        } catch (err) {
          console.warn('[weft] outbox pass', err);
        }
        nextForce = againForced;
      } while (again);
    })().finally(() => {
      running = null;
    });
    running = run;
    return run;
  }

  return { flush };
}
