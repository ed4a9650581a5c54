import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../postgres-pool';
import { createTestDatabase } from '../testing/engines';
import { PostgresRejectionStore } from './rejection-store';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('PostgresRejectionStore', () => {
  it('commits refused rows with synchronous_commit = off, for those transactions only', async () => {
    const database = await createTestDatabase();
    cleanup.push(database.drop);
    // The test cluster turns synchronous_commit off for speed; here its connections start at
    // PostgreSQL's default (on), as on a real server.
    const url = new URL(database.url);
    url.searchParams.set('options', '-c synchronous_commit=on');
    const pool = createPostgresPool(url.toString(), 2);
    cleanup.push(() => pool.end());
    // What each COMMIT of the store would wait for, asked on its own connection just before it.
    const seen: string[] = [];
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    pool.connect = (async () => {
      const client = await connect();
      const query = client.query.bind(client) as (q: unknown, v?: unknown) => Promise<pg.QueryResult>;
      client.query = (async (q: unknown, v?: unknown) => {
        if (q === 'COMMIT') seen.push((await query('SHOW synchronous_commit')).rows[0].synchronous_commit);
        return query(q, v);
      }) as typeof client.query;
      const release = client.release.bind(client);
      client.release = ((err?: Error | boolean) => {
        client.query = query as typeof client.query;
        return release(err);
      }) as typeof client.release;
      return client;
    }) as typeof pool.connect;

    const store = new PostgresRejectionStore(pool);
    const row = {
      provider: 'github', endpointId: null, eventType: 'unknown', reason: 'X-Hub-Signature-256 does not match.', workspaceIds: [], bodyPreview: '{}', receivedAt: '2026-11-30T16:10:00.000Z',
    };
    expect(await store.logRejected('github', '2026-11-30T16', row, 1)).toBe(true);
    await store.addDropped([{ endpointKey: 'github', hour: '2026-11-30T16', provider: 'github', endpointId: null, workspaceIds: [], dropped: 3 }]);
    expect(await store.logRejected('github', '2026-11-30T16', row, 1)).toBe(false); // at the cap
    expect(seen).toEqual(['off', 'off', 'off']);
    // Every connection of the pool is back to the default for everything else (accepted webhooks wait for their sync).
    const clients = await Promise.all([connect(), connect()]);
    try {
      for (const c of clients) expect((await c.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
      expect((await clients[0].query("SELECT count(*) AS n FROM deliveries WHERE status = 'rejected'")).rows[0].n).toBe(1);
    } finally {
      for (const c of clients) c.release();
    }
  });
});
