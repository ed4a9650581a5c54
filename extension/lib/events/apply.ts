import type { WeftEvent } from '@@/shared/protocol';
import { db, type MetaValues, type SubjectRecord } from '../db';
import type { RuleContext } from '../notifications/rules';
import { applyConnectionUpdate, connectionUpdateOf } from './connection-update';
import { metaRows, readMeta } from './meta';

/** The activity list shows 20; a few screens more are kept. */
export const maxStoredEvents = 200;
/** Subjects seen recently enough to be worth caching; the oldest go first. */
export const maxStoredRecords = 500;
/** The server's clock and the browser's differ a little: an event this close to sign-in is news. */
export const clockSlackMs = 60_000;

export type ApplyOptions = {
  /** Whose stream this is (`<server> <user id>`): a cursor never carries over to another account. */
  owner: string;
  /** Does this event deserve the user's attention (a notification rule matches it)? */
  wantsAttention: (event: WeftEvent, context: RuleContext) => boolean;
  now?: number;
};

export type ApplyResult = {
  /** The events applied now, in id order: none of them had been applied before. */
  applied: WeftEvent[];
  /** Those counted as unread: they match a rule and are not history from before sign-in. */
  attention: WeftEvent[];
  unread: number;
  cursor: number;
};

/**
 * Applies a batch of events exactly once: in ONE transaction, it skips every id at or
 * below the stored cursor (and duplicates inside the batch), upserts the rest keyed by
 * id, updates the caches they touch, and moves the cursor to the highest id. If the
 * worker stops half-way, the transaction is rolled back and the cursor with it, so the
 * resumed stream brings the same events again; if it stops after the commit, the cursor
 * already says they were applied. The cursor never moves backwards.
 *
 * @example
 * await applyEvents(page.events, { owner: 'http://localhost:8787 u1', wantsAttention: () => true });
 */
export async function applyEvents(events: readonly WeftEvent[], options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now();
  return db.transaction('rw', [db.events, db.meta, db.records, db.connections], async () => {
    const stored = await readMeta();
    const meta: MetaValues =
      stored.owner === options.owner
        ? { owner: options.owner, cursor: stored.cursor ?? 0, unread: stored.unread ?? 0, since: stored.since ?? now }
        : await startOver(options.owner, stored.owner === undefined ? (stored.since ?? now) : now);

    const fresh = newEvents(events, meta.cursor);
    if (fresh.length === 0) return { applied: [], attention: [], unread: meta.unread, cursor: meta.cursor };

    // Only the newest are kept: a catch-up of thousands must not write them all to delete them.
    await db.events.bulkPut(fresh.slice(-maxStoredEvents));
    await upsertRecords(fresh);
    for (const event of fresh) {
      const update = connectionUpdateOf(event);
      if (update) await applyConnectionUpdate(update);
    }

    const context = await ruleContext();
    const attention = fresh.filter((e) => !isHistory(e, meta.since) && options.wantsAttention(e, context));
    meta.unread += attention.length;
    meta.cursor = fresh.at(-1)!.id;
    await db.meta.bulkPut(metaRows(meta));
    await prune();
    return { applied: fresh, attention, unread: meta.unread, cursor: meta.cursor };
  });
}

/** Ids above the cursor, each once, in id order (the server sends them in order; a replay may not). */
function newEvents(events: readonly WeftEvent[], cursor: number): WeftEvent[] {
  const byId = new Map<number, WeftEvent>();
  for (const event of events) if (event.id > cursor) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * The server's log ended below `owner`'s cursor (its database was restored or replaced):
 * the cached events and records came from a log that no longer exists, and the cursor
 * would skip the events the server numbers below it. They go, and the stream starts over
 * from 0. What the replay brings from before now is history: it neither notifies nor
 * counts as unread again.
 */
export async function restartStream(owner: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.events, db.meta, db.records], async () => {
    await db.meta.bulkPut(metaRows(await startOver(owner, now)));
  });
}

/**
 * The first events of an account, or a stream of another account (or server): the old
 * events, records and cursor go. `since` is when the account signed in, when known.
 */
async function startOver(owner: string, since: number): Promise<MetaValues> {
  await Promise.all([db.events.clear(), db.records.clear(), db.meta.clear()]);
  return { owner, cursor: 0, unread: 0, since };
}

/**
 * Signing in replays the account's whole history from cursor 0; those events fill the
 * activity list but are not news, so they neither count as unread nor notify.
 */
function isHistory(event: WeftEvent, since: number): boolean {
  return Date.parse(event.createdAt) < since - clockSlackMs;
}

async function upsertRecords(events: readonly WeftEvent[]): Promise<void> {
  const latest = new Map<string, SubjectRecord>();
  for (const event of events) {
    if (event.summary.subject) latest.set(event.summary.subject, { subject: event.summary.subject, eventId: event.id, event });
  }
  if (latest.size === 0) return;
  const existing = await db.records.bulkGet([...latest.keys()]);
  const newer = [...latest.values()].filter((r, i) => (existing[i]?.eventId ?? 0) < r.eventId);
  await db.records.bulkPut(newer);
}

/** The user's own logins at GitHub: the account labels of their cached GitHub connections. */
async function ruleContext(): Promise<RuleContext> {
  const github = await db.connections.where('provider').equals('github').toArray();
  return { githubLogins: github.flatMap((c) => (c.account ? [c.account.label] : [])) };
}

async function prune(): Promise<void> {
  const extraEvents = (await db.events.count()) - maxStoredEvents;
  if (extraEvents > 0) await db.events.orderBy(':id').limit(extraEvents).delete();
  const extraRecords = (await db.records.count()) - maxStoredRecords;
  if (extraRecords > 0) await db.records.orderBy('eventId').limit(extraRecords).delete();
}
