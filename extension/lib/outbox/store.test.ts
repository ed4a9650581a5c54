import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../db';
import { createOutboxSender } from './sender';
import { addToOutbox } from './store';
import type { ActionRequest, OutboxItem } from './types';

const owner = 'http://localhost:8787 u1';
const issue = (idempotencyKey?: string): ActionRequest => ({
  provider: 'github', action: 'create_issue', input: { repo: 'octocat/hello-world', title: 'Export fails' }, label: 'Open issue', ...(idempotencyKey ? { idempotencyKey } : {}),
});

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
});

describe('addToOutbox', () => {
  it('one submission key is one item, sent once, however many times it is enqueued (even at the same moment)', async () => {
    const key = `weft-${crypto.randomUUID()}`;
    const items = await Promise.all([addToOutbox(issue(key), owner), addToOutbox(issue(key), owner), addToOutbox(issue(key), owner)]);
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    const send = vi.fn(async (_item: OutboxItem) => ({ result: { url: 'https://github.com/octocat/hello-world/issues/7' } }));
    await createOutboxSender({ send, owner: async () => owner, onChange: () => undefined, schedule: () => undefined }).flush();
    expect(send).toHaveBeenCalledOnce();
    expect(send.mock.calls[0]![0].idempotencyKey).toBe(key);
    // Enqueued again after it was sent: still the same item, not a second issue.
    expect((await addToOutbox(issue(key), owner)).status).toBe('done');
    expect(await db.outbox.count()).toBe(1);
  });

  it('requests without a key, or with one that is not a key, each get their own', async () => {
    await addToOutbox(issue(), owner);
    await addToOutbox(issue(), owner);
    const odd = await addToOutbox(issue('short'), owner);
    expect(odd.idempotencyKey).toMatch(/^weft-[0-9a-f-]{36}$/);
    expect(new Set((await db.outbox.toArray()).map((i) => i.idempotencyKey)).size).toBe(3);
  });

  it('the same key from another account is that account’s own item', async () => {
    const key = `weft-${crypto.randomUUID()}`;
    await addToOutbox(issue(key), owner);
    await addToOutbox(issue(key), 'http://localhost:8787 u2');
    expect(await db.outbox.count()).toBe(2);
  });
});
