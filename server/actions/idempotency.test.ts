import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { claimKey, completeKey, failKey } from './idempotency';

// Idempotency keys live in the database, so a retry that reaches another instance finds
// its key there: the same rules on both engines, and across two instances on one database.

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The databases (Kysely) of `count` instances sharing one database, and a user id. */
async function instances(engine: Engine, count = 1) {
  const shared = await openSharedTestStores(engine, count);
  cleanup = shared.close;
  return { dbs: shared.stores.map((s) => s.db), userId: 'usr_1' };
}

async function db(engine: Engine) {
  const { dbs, userId } = await instances(engine);
  return { db: dbs[0]!, userId };
}

forEachEngine('claimKey', (engine) => {
  it('a running key is in progress; a success replays; another request with the key is a mismatch', async () => {
    const { db: d, userId } = await db(engine);
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'new' });
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'in_progress' });
    await completeKey(d, userId, 'key-1', 200, { result: 1 });
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'replay', status: 200, body: { result: 1 } });
    expect(await claimKey(d, userId, 'key-1', 'hash-b')).toEqual({ kind: 'mismatch' });
  });

  it('a failed key runs again, once: the next claim takes it and a concurrent one sees it in progress', async () => {
    const { db: d, userId } = await db(engine);
    await claimKey(d, userId, 'key-2', 'hash-a');
    await failKey(d, userId, 'key-2');
    expect(await claimKey(d, userId, 'key-2', 'hash-b')).toEqual({ kind: 'mismatch' });
    const [first, second] = await Promise.all([claimKey(d, userId, 'key-2', 'hash-a'), claimKey(d, userId, 'key-2', 'hash-a')]);
    expect([first.kind, second.kind].sort()).toEqual(['in_progress', 'new']);
  });

  it('a refusal an older version stored as the final answer is not replayed', async () => {
    const { db: d, userId } = await db(engine);
    await claimKey(d, userId, 'key-3', 'hash-a');
    await completeKey(d, userId, 'key-3', 400, { error: { code: 'provider_rejected', message: 'Slack refused: not in channel' } });
    expect(await claimKey(d, userId, 'key-3', 'hash-a')).toEqual({ kind: 'new', previous: { state: 'failed', since: expect.any(String) } });
  });

  it('a pending key is taken over at once only when the caller says no other attempt can be running, and says it was pending', async () => {
    const { db: d, userId } = await db(engine);
    await claimKey(d, userId, 'key-5', 'hash-a');
    expect(await claimKey(d, userId, 'key-5', 'hash-a')).toEqual({ kind: 'in_progress' });
    const taken = await claimKey(d, userId, 'key-5', 'hash-a', { takeOverPending: true });
    expect(taken).toEqual({ kind: 'new', previous: { state: 'pending', since: expect.any(String) } });
  });

  it('two instances claiming one key at once: one runs it, the other sees it in progress; the success replays on both', async () => {
    const { dbs, userId } = await instances(engine, 2);
    const [a, b] = [dbs[0]!, dbs[1]!];
    const claims = await Promise.all([claimKey(a, userId, 'key-4', 'hash-a'), claimKey(b, userId, 'key-4', 'hash-a')]);
    expect(claims.map((c) => c.kind).sort()).toEqual(['in_progress', 'new']);
    await completeKey(a, userId, 'key-4', 200, { result: 4 });
    expect(await claimKey(b, userId, 'key-4', 'hash-a')).toEqual({ kind: 'replay', status: 200, body: { result: 4 } });
  });
});
