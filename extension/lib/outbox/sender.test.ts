import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../api-error';
import { db } from '../db';
import { createOutboxSender } from './sender';
import { addToOutbox, discard, recoverInterrupted, requeue } from './store';
import type { ActionRequest, OutboxItem } from './types';

const owner = 'http://localhost:8787 u1';
const post = (text: string): ActionRequest => ({ provider: 'slack', action: 'post_message', input: { channel: 'C0WEFTENG01', text }, label: `Post ${text}` });
const all = () => db.outbox.orderBy('createdAt').toArray();

let send: ReturnType<typeof vi.fn<(item: OutboxItem) => Promise<{ result: unknown }>>>;
let changes: OutboxItem[];
let scheduled: (number | null)[];
let who: string | null;

function sender() {
  return createOutboxSender({ send, owner: async () => who, onChange: (i) => changes.push(i), schedule: (at) => scheduled.push(at), random: () => 0 });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  send = vi.fn(async (item: OutboxItem) => ({ result: { ok: item.label } }));
  changes = [];
  scheduled = [];
  who = owner;
});

describe('outbox sender', () => {
  it('sends queued items oldest first, each with its own idempotency key, and keeps the result', async () => {
    await addToOutbox(post('one'), owner, 1);
    await addToOutbox(post('two'), owner, 2);
    await sender().flush();
    expect(send.mock.calls.map(([i]) => i.label)).toEqual(['Post one', 'Post two']);
    const keys = send.mock.calls.map(([i]) => i.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys.every((k) => k.length >= 8 && k.length <= 200)).toBe(true);
    expect((await all()).map((i) => [i.status, i.result])).toEqual([
      ['done', { ok: 'Post one' }],
      ['done', { ok: 'Post two' }],
    ]);
    expect(changes.map((c) => c.status)).toEqual(['sending', 'done', 'sending', 'done']);
    expect(scheduled.at(-1)).toBeNull();
  });

  it('server down: everything stays queued with the reason and a later attempt; back up, each goes once with the same key', async () => {
    for (const t of ['a', 'b', 'c']) await addToOutbox(post(t), owner);
    send.mockRejectedValue(new ApiError(0, 'unreachable', "Can't reach the Weft server at http://localhost:8787. Is it running?"));
    const s = sender();
    const before = Date.now();
    await s.flush();
    // Only the first is tried; the others are parked behind it instead of each timing out.
    expect(send).toHaveBeenCalledTimes(1);
    const waiting = await all();
    expect(waiting.map((i) => i.status)).toEqual(['queued', 'queued', 'queued']);
    expect(waiting.every((i) => i.lastError?.startsWith("Can't reach the Weft server"))).toBe(true);
    expect(waiting[0]!.nextAttemptAt).toBeGreaterThanOrEqual(before + 1_000);
    expect(scheduled.at(-1)).toBe(waiting[0]!.nextAttemptAt);

    // Not due yet: a plain flush sends nothing.
    send.mockReset();
    send.mockImplementation(async (item) => ({ result: item.idempotencyKey }));
    await s.flush();
    expect(send).not.toHaveBeenCalled();

    // The server is back (push reconnected): forced.
    await s.flush({ force: true });
    expect(send).toHaveBeenCalledTimes(3);
    const done = await all();
    expect(done.map((i) => i.status)).toEqual(['done', 'done', 'done']);
    expect(done.map((i) => i.result)).toEqual(waiting.map((i) => i.idempotencyKey));
  });

  it('backs off exponentially, honouring Retry-After', async () => {
    await addToOutbox(post('x'), owner);
    const s = sender();
    const waits: number[] = [];
    for (let n = 0; n < 4; n++) {
      send.mockRejectedValueOnce(new ApiError(502, 'provider_unavailable', 'Slack is unavailable.'));
      const t = Date.now();
      await s.flush({ force: true });
      waits.push((await all())[0]!.nextAttemptAt! - t);
    }
    // random() = 0: half of 2 s, 4 s, 8 s, 16 s (a few ms of slack for the clock).
    expect(waits.map((w) => Math.round(w / 100) * 100)).toEqual([1000, 2000, 4000, 8000]);
    send.mockRejectedValueOnce(new ApiError(409, 'conflict', 'Still running.', 30));
    const t = Date.now();
    await s.flush({ force: true });
    expect((await all())[0]!.nextAttemptAt! - t).toBeGreaterThanOrEqual(30_000);
    expect((await all())[0]!.attempts).toBe(5);
  });

  it('a final refusal fails at once with the server’s message; Retry sends it again with the same key; Discard removes it', async () => {
    const item = await addToOutbox(post('x'), owner);
    send.mockRejectedValueOnce(new ApiError(409, 'connection_expired', 'Slack rejected the token. Reconnect Slack from the Weft popup.'));
    const s = sender();
    await s.flush();
    expect((await all())[0]).toMatchObject({ status: 'failed', lastError: 'Slack rejected the token. Reconnect Slack from the Weft popup.', nextAttemptAt: null });
    await s.flush({ force: true });
    expect(send).toHaveBeenCalledTimes(1);

    await requeue(item.id);
    await s.flush({ force: true });
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0].idempotencyKey).toBe(item.idempotencyKey);
    expect((await all())[0]!.status).toBe('done');

    const other = await addToOutbox(post('y'), owner);
    expect(await discard(other.id)).toBe(true);
    expect((await all()).map((i) => i.label)).toEqual(['Post x']);
  });

  it('sends nothing signed out, and only the signed-in account’s items', async () => {
    await addToOutbox(post('mine'), owner);
    await addToOutbox(post('theirs'), 'http://localhost:8787 u2');
    who = null;
    await sender().flush();
    expect(send).not.toHaveBeenCalled();
    who = owner;
    await sender().flush();
    expect(send.mock.calls.map(([i]) => i.label)).toEqual(['Post mine']);
  });

  it('a flush asked for during a pass runs after it: an item enqueued meanwhile is not left waiting', async () => {
    await addToOutbox(post('first'), owner);
    let release!: () => void;
    send.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ result: 1 }))));
    const s = sender();
    const first = s.flush();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await addToOutbox(post('second'), owner);
    const second = s.flush();
    release();
    await Promise.all([first, second]);
    expect(send.mock.calls.map(([i]) => i.label)).toEqual(['Post first', 'Post second']);
    expect((await all()).every((i) => i.status === 'done')).toBe(true);
  });

  it('an item left `sending` by a stopped worker is queued again and sent with its key', async () => {
    const item = await addToOutbox(post('x'), owner);
    await db.outbox.update(item.id, { status: 'sending', attempts: 1 });
    await sender().flush();
    expect(send).not.toHaveBeenCalled();
    await recoverInterrupted();
    await sender().flush();
    expect(send.mock.calls[0]![0]).toMatchObject({ idempotencyKey: item.idempotencyKey, attempts: 2 });
  });
});
