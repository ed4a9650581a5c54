import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { claimKey, completeKey, failKey } from './idempotency';

let t: TestApp | undefined;
afterEach(async () => t?.close());

async function db() {
  t = await createTestApp();
  const { user } = await t.signUp();
  return { db: t.deps.db, userId: user.id };
}

describe('claimKey', () => {
  it('a running key is in progress; a success replays; another request with the key is a mismatch', async () => {
    const { db: d, userId } = await db();
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'new' });
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'in_progress' });
    await completeKey(d, userId, 'key-1', 200, { result: 1 });
    expect(await claimKey(d, userId, 'key-1', 'hash-a')).toEqual({ kind: 'replay', status: 200, body: { result: 1 } });
    expect(await claimKey(d, userId, 'key-1', 'hash-b')).toEqual({ kind: 'mismatch' });
  });

  it('a failed key runs again, once: the next claim takes it and a concurrent one sees it in progress', async () => {
    const { db: d, userId } = await db();
    await claimKey(d, userId, 'key-2', 'hash-a');
    await failKey(d, userId, 'key-2');
    expect(await claimKey(d, userId, 'key-2', 'hash-b')).toEqual({ kind: 'mismatch' });
    const [first, second] = await Promise.all([claimKey(d, userId, 'key-2', 'hash-a'), claimKey(d, userId, 'key-2', 'hash-a')]);
    expect([first.kind, second.kind].sort()).toEqual(['in_progress', 'new']);
  });

  it('a refusal an older version stored as the final answer is not replayed', async () => {
    const { db: d, userId } = await db();
    await claimKey(d, userId, 'key-3', 'hash-a');
    await completeKey(d, userId, 'key-3', 400, { error: { code: 'provider_rejected', message: 'Slack refused: not in channel' } });
    expect(await claimKey(d, userId, 'key-3', 'hash-a')).toEqual({ kind: 'new' });
  });
});
