import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearCachedAccountData, db } from '../db';
import { makeConnection, makeEvent } from '../testing/events';
import { applyEvents, maxStoredEvents, type ApplyOptions } from './apply';
import { cursorFor, unreadCount } from './meta';

const owner = 'http://localhost:8787 u1';
/** Every event wants attention, and sign-in (the first apply) is long before them: none is history. */
const everything: ApplyOptions = { owner, wantsAttention: () => true, now: Date.parse('2020-01-01T00:00:00Z') };
const ids = async () => (await db.events.toArray()).map((e) => e.id);

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
});

describe('applyEvents', () => {
  it('applies a batch once: the same batch again changes nothing', async () => {
    const batch = [makeEvent(1), makeEvent(2), makeEvent(3)];
    expect((await applyEvents(batch, everything)).applied.map((e) => e.id)).toEqual([1, 2, 3]);
    const again = await applyEvents(batch, everything);
    expect(again).toMatchObject({ applied: [], attention: [], cursor: 3, unread: 3 });
    expect(await ids()).toEqual([1, 2, 3]);
    expect(await cursorFor(owner)).toBe(3);
  });

  it('orders a shuffled batch and drops its duplicates', async () => {
    const result = await applyEvents([makeEvent(3), makeEvent(1), makeEvent(2), makeEvent(1)], everything);
    expect(result.applied.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(result.unread).toBe(3);
  });

  it('skips ids at or below the cursor and never moves it back', async () => {
    await applyEvents([makeEvent(10)], everything);
    const late = await applyEvents([makeEvent(4), makeEvent(10), makeEvent(12), makeEvent(11)], everything);
    expect(late.applied.map((e) => e.id)).toEqual([11, 12]);
    expect((await applyEvents([makeEvent(5)], everything)).cursor).toBe(12);
    expect(await ids()).toEqual([10, 11, 12]);
    expect(await cursorFor(owner)).toBe(12);
  });

  it('applies each event once when the socket and an HTTP catch-up deliver it at the same time', async () => {
    const socket = applyEvents([makeEvent(1), makeEvent(2), makeEvent(3)], everything);
    const http = applyEvents([makeEvent(2), makeEvent(3), makeEvent(4)], everything);
    const applied = [...(await socket).applied, ...(await http).applied].map((e) => e.id).sort();
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(await unreadCount()).toBe(4);
  });

  it('rolls everything back when a batch fails half-way, so the retry applies it once', async () => {
    await applyEvents([makeEvent(1)], everything);
    const failing: ApplyOptions = {
      ...everything,
      wantsAttention: () => {
        throw new Error('worker stopped');
      },
    };
    await expect(applyEvents([makeEvent(2), makeEvent(3)], failing)).rejects.toThrow('worker stopped');
    expect(await ids()).toEqual([1]);
    expect(await cursorFor(owner)).toBe(1);
    expect((await applyEvents([makeEvent(2), makeEvent(3)], everything)).applied.map((e) => e.id)).toEqual([2, 3]);
    expect(await unreadCount()).toBe(3);
  });

  it('counts as unread only what wants attention and happened after sign-in', async () => {
    const signedIn = Date.now();
    await clearCachedAccountData();
    const at = (offsetMinutes: number) => new Date(signedIn + offsetMinutes * 60_000).toISOString();
    const options: ApplyOptions = { owner, now: signedIn + 5 * 60_000, wantsAttention: (e) => e.type !== 'slack.message' };
    const first = await applyEvents(
      [
        makeEvent(1, { createdAt: at(-60) }),
        // Made just before the first apply, just after sign-in (or a few seconds off by the server's clock): news.
        makeEvent(2, { createdAt: at(-0.5) }),
        makeEvent(3, { createdAt: at(4) }),
        makeEvent(4, { type: 'slack.message', createdAt: at(4) }),
      ],
      options,
    );
    expect(first.attention.map((e) => e.id)).toEqual([2, 3]);
    expect(first.unread).toBe(2);
  });

  it('without a recorded sign-in, takes the first apply as the start', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const at = (offsetMinutes: number) => new Date(now + offsetMinutes * 60_000).toISOString();
    const first = await applyEvents([makeEvent(1, { createdAt: at(-60) }), makeEvent(2, { createdAt: at(0) })], { ...everything, now });
    expect(first.attention.map((e) => e.id)).toEqual([2]);
  });

  it('starts over for another account: its cursor does not carry over', async () => {
    await applyEvents([makeEvent(50)], everything);
    expect(await cursorFor('http://localhost:8787 u2')).toBe(0);
    const theirs = await applyEvents([makeEvent(3)], { ...everything, owner: 'http://localhost:8787 u2' });
    expect(theirs).toMatchObject({ cursor: 3, unread: 1 });
    expect(await ids()).toEqual([3]);
  });

  it('keeps the newest events only', async () => {
    const many = Array.from({ length: maxStoredEvents + 30 }, (_, i) => makeEvent(i + 1));
    await applyEvents(many.slice(0, 100), everything);
    await applyEvents(many.slice(100), everything);
    const kept = await ids();
    expect(kept).toHaveLength(maxStoredEvents);
    expect(kept[0]).toBe(31);
    expect(await cursorFor(owner)).toBe(maxStoredEvents + 30);
  });

  it('keeps the latest event per subject', async () => {
    const subject = 'github:issue:o/r#1';
    await applyEvents([makeEvent(1, { summary: { subject, title: 'opened' } }), makeEvent(2, { summary: { subject, title: 'closed' } })], everything);
    await applyEvents([makeEvent(3, { summary: { subject: 'hubspot:deal:9' } })], everything);
    expect((await db.records.get(subject))?.event.summary.title).toBe('closed');
    expect(await db.records.count()).toBe(2);
  });
});

describe('connection.updated', () => {
  const updated = (id: number, payload: unknown) => makeEvent(id, { type: 'connection.updated', payload });

  it('upserts the connection and deletes a deleted one', async () => {
    await db.connections.put(makeConnection({ id: 'gone' }));
    const expired = makeConnection({ status: 'expired', updatedAt: '2026-02-01T00:00:00Z' });
    await applyEvents([updated(1, { connection: expired }), updated(2, { deleted: true, id: 'gone' })], everything);
    expect(await db.connections.toArray()).toEqual([expired]);
  });

  it('does not put back an older state than the cached one', async () => {
    const current = makeConnection({ name: 'Current', updatedAt: '2026-02-02T00:00:00Z' });
    await db.connections.put(current);
    await applyEvents([updated(1, { connection: makeConnection({ name: 'Old', updatedAt: '2026-02-01T00:00:00Z' }) })], everything);
    expect((await db.connections.get('c1'))?.name).toBe('Current');
  });

  it('keeps how many flows use it, which the list says and events do not', async () => {
    await db.connections.put(makeConnection({ instanceCount: 2, updatedAt: '2026-02-01T00:00:00Z' }));
    await applyEvents([updated(1, { connection: makeConnection({ status: 'expired', updatedAt: '2026-02-02T00:00:00Z' }) })], everything);
    expect(await db.connections.get('c1')).toMatchObject({ status: 'expired', instanceCount: 2 });
  });

  it('ignores a malformed payload but still moves the cursor past it', async () => {
    await applyEvents([updated(1, { connection: { id: 'c9' } })], everything);
    expect(await db.connections.count()).toBe(0);
    expect(await cursorFor(owner)).toBe(1);
  });
});
