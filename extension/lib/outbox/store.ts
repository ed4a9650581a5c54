import { db } from '../db';
import { outboxView, type OutboxItem, type OutboxItemView, type OutboxRequest } from './types';

/** Done items are kept this long, so a panel can still show "sent" after the worker restarted. */
export const keepDoneMs = 24 * 3600_000;

/** What a submission's key may look like (the server takes 8 to 200 characters). */
const submittedKey = /^[\w-]{8,200}$/;

/**
 * Writes the action to the outbox, durable before anything is sent: from here on it is
 * either answered by the server or visible in the popup, never silently lost. A request
 * carrying the key of a submission already in the outbox (a second click on the same
 * submission) adds nothing: the item already there is returned, and goes out once.
 *
 * @example await addToOutbox({ provider: 'slack', action: 'post_message', input: { channel: 'C0WEFTENG01', text: 'Hi' }, label: 'Post to Slack #eng' }, owner)
 */
export async function addToOutbox(request: OutboxRequest, owner: string, now: number = Date.now()): Promise<OutboxItem> {
  const key = request.idempotencyKey && submittedKey.test(request.idempotencyKey) ? request.idempotencyKey : `weft-${crypto.randomUUID()}`;
  return db.transaction('rw', db.outbox, async () => {
    const existing = await db.outbox.where('owner').equals(owner).filter((i) => i.idempotencyKey === key).first();
    if (existing) return existing;
    const item = newItem(request, owner, key, now);
    await db.outbox.add(item);
    return item;
  });
}

function newItem(request: OutboxRequest, owner: string, idempotencyKey: string, now: number): OutboxItem {
  const what =
    'flowId' in request
      ? { provider: 'weft', action: 'run_flow', run: { instanceId: request.instanceId, flowId: request.flowId }, ...(request.origin ? { origin: request.origin } : {}) }
      : { provider: request.provider, action: request.action, ...(request.connectionId ? { connectionId: request.connectionId } : {}) };
  return {
    id: crypto.randomUUID(),
    owner,
    ...what,
    input: request.input,
    label: request.label.slice(0, 300),
    idempotencyKey,
    status: 'queued',
    attempts: 0,
    lastError: null,
    lastErrorCode: null,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** Changes one item if `check` still holds for what is stored; returns the new state, or null. */
export async function updateItem(id: string, check: (item: OutboxItem) => boolean, change: Partial<OutboxItem>): Promise<OutboxItem | null> {
  return db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (!item || !check(item)) return null;
    const next = { ...item, ...change, updatedAt: Date.now() };
    await db.outbox.put(next);
    return next;
  });
}

/** "Retry" in the popup: a failed or waiting item goes out on the next pass, with the same key. */
export function requeue(id: string): Promise<OutboxItem | null> {
  return updateItem(id, (i) => i.status === 'failed' || i.status === 'queued', { status: 'queued', nextAttemptAt: Date.now() });
}

/** "Discard": the user gave up on it. An item being sent cannot be discarded half-way. */
export async function discard(id: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (!item || item.status === 'sending') return false;
    await db.outbox.delete(id);
    return true;
  });
}

/**
 * A worker stopped mid-send leaves items `sending`: on start they go back in the queue.
 * Sending again is safe: the same idempotency key gets the stored answer.
 */
export async function recoverInterrupted(): Promise<OutboxItem[]> {
  return db.transaction('rw', db.outbox, async () => {
    const stuck = await db.outbox.where('status').equals('sending').toArray();
    const now = Date.now();
    const back = stuck.map((i) => ({ ...i, status: 'queued' as const, nextAttemptAt: now, updatedAt: now }));
    await db.outbox.bulkPut(back);
    return back;
  });
}

export async function pruneDone(now: number = Date.now()): Promise<void> {
  await db.outbox.where('status').equals('done').filter((i) => now - i.updatedAt > keepDoneMs).delete();
}

export async function listOutboxViews(ids: string[]): Promise<OutboxItemView[]> {
  return (await db.outbox.bulkGet(ids)).filter((i): i is OutboxItem => i !== undefined).map(outboxView);
}
