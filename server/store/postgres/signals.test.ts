import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log';
import type { Store } from '../open';
import type { SignalListener } from '../signals';
import { createTestDatabase, openTestStore } from '../testing/engines';
import { cutListenConnections, listenConnectionCount } from '../testing/listen-connection';
import { EVENTS_CHANNEL } from './signals';

/** Two stores on one database: two instances of the server, as far as signals go. */
async function twoInstances() {
  const database = await createTestDatabase();
  const logLines: string[] = [];
  const a = await openTestStore('postgres', { databaseUrl: database.url });
  const b = await openTestStore('postgres', { databaseUrl: database.url, log: createLogger((l) => logLines.push(l)) });
  opened.push(async () => {
    await a.close();
    await b.close().catch(() => undefined); // a test may have closed it already
    await database.drop();
  });
  return { a, b, logLines };
}
const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

/** A listener that records what it heard, and a way to wait for the nth of a kind. */
function recorder() {
  const heard: string[] = [];
  const listener: SignalListener = {
    eventsCommitted: () => heard.push('events'),
    sessionEnded: (id) => heard.push(`session ${id}`),
    reconnected: () => heard.push('reconnected'),
  };
  const count = (what: string) => heard.filter((h) => h === what).length;
  return { heard, listener, count };
}

async function until(check: () => boolean | Promise<boolean>, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const notifyEvents = (store: Store, id: number) => sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${String(id)})`.execute(store.db);

describe('signals between instances on PostgreSQL', () => {
  it('a commit notified by one instance and a sign-out announced by it are heard by the other', async () => {
    const { a, b } = await twoInstances();
    const r = recorder();
    b.signals.listen(r.listener);
    // The first connect says "read on" once: whatever was committed before LISTEN took hold.
    await until(() => r.count('events') === 1);

    await notifyEvents(a, 7);
    await until(() => r.count('events') === 2);
    await a.signals.announceSessionEnd('session-of-ada');
    await until(() => r.heard.includes('session session-of-ada'));
    // A NOTIFY sent inside a transaction that rolls back is never delivered.
    await a.transaction(async (trx) => {
      await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '8')`.execute(trx);
      throw new Error('roll back');
    }).catch(() => undefined);
    await a.signals.announceSessionEnd('later');
    await until(() => r.heard.includes('session later'));
    expect(r.count('events')).toBe(2);
    expect(r.heard).not.toContain('reconnected');
  });

  it('a LISTEN connection ended by the server comes back by itself, says so, and hears again', async () => {
    const { a, b, logLines } = await twoInstances();
    const r = recorder();
    b.signals.listen(r.listener);
    await until(() => r.count('events') === 1);

    expect(await cutListenConnections(a)).toBe(1);
    // After the reconnect: "reconnected", then "read on" (what was notified meanwhile went unheard).
    await until(() => r.count('reconnected') === 1 && r.count('events') === 2);
    expect(r.heard.slice(-2)).toEqual(['reconnected', 'events']);
    await notifyEvents(a, 9);
    await until(() => r.count('events') === 3);
    expect(logLines.filter((l) => /Lost the PostgreSQL connection that hears/.test(l))).toHaveLength(1);
    expect(logLines.some((l) => /Listening to the other instances again/.test(l))).toBe(true);
  });

  it('opens no LISTEN connection until someone listens, and closes it with the store', async () => {
    const { a, b } = await twoInstances();
    expect(await listenConnectionCount(a)).toBe(0);
    const r = recorder();
    b.signals.listen(r.listener);
    await until(() => r.count('events') === 1);
    expect(await listenConnectionCount(a)).toBe(1);
    await b.close();
    await until(async () => (await listenConnectionCount(a)) === 0);
  });
});
