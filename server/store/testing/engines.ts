import { Kysely, PostgresDialect } from 'kysely';
import { DatabaseSync } from 'node:sqlite';
import { describe, inject } from 'vitest';
import type { Logger } from '../../lib/log';
import { ENGINES, type Engine } from '../engine';
import { nodeSqliteDialect } from '../node-sqlite-dialect';
import { openStore, type Store } from '../open';
import { createPostgresPool } from '../postgres-pool';
import { createDatabase, dropDatabase } from './test-databases';

/**
 * Tests that run on both engines: `forEachEngine('the store', (engine) => { … })` is a
 * `describe` per engine, and `openTestStore(engine)` a fresh store on it: in-memory
 * SQLite, or a PostgreSQL database of its own (copied from the migrated template, or
 * empty with `{ empty: true }`, so nothing is migrated before the test asks).
 */
export { ENGINES as engines };

export const forEachEngine = (name: string, fn: (engine: Engine) => void) => describe.each(ENGINES)(`${name} on %s`, fn);

/** A fresh PostgreSQL database on the test run's server: its URL, and how to drop it. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const { adminUrl, template } = inject('postgres');
  const db = await createDatabase(adminUrl, options.empty ? 'template0' : template);
  return { url: db.url, drop: () => dropDatabase(adminUrl, db.name) };
}

/**
 * A store on `engine`, migrated, closed (and its database dropped) by `close`. With
 * `databaseUrl` (from `createTestDatabase`), a store on that database, as a second
 * instance of the server would open it: its `close` leaves the database to its creator.
 */
export async function openTestStore(engine: Engine, options: { empty?: boolean; databaseUrl?: string; log?: Logger } = {}): Promise<Store> {
  if (engine === 'sqlite') return openStore(':memory:');
  if (options.databaseUrl) return openStore({ databaseUrl: options.databaseUrl, poolSize: 4, log: options.log });
  const database = await createTestDatabase(options);
  let store: Store;
  try {
    store = await openStore({ databaseUrl: database.url, poolSize: 4, log: options.log });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const close = store.close;
  return Object.assign(store, {
    async close() {
      await close();
      await database.drop();
    },
  });
}

/**
 * The stores of `count` server instances sharing one database, for tests of what they
 * must see alike (limits, leases): on PostgreSQL `count` stores (pools) on one database of
 * its own; on SQLite, where one process owns the database, the same in-memory store
 * `count` times. `close` closes them all and drops the database.
 */
export async function openSharedTestStores(engine: Engine, count: number): Promise<{ stores: Store[]; close(): Promise<void> }> {
  if (engine === 'sqlite') {
    const store = await openStore(':memory:');
    return { stores: Array<Store>(count).fill(store), close: () => store.close() };
  }
  const database = await createTestDatabase();
  const stores: Store[] = [];
  const close = async () => {
    await Promise.all(stores.map((s) => s.close()));
    await database.drop();
  };
  try {
    for (let i = 0; i < count; i++) stores.push(await openStore({ databaseUrl: database.url, poolSize: 4 }));
  } catch (error) {
    await close();
    throw error;
  }
  return { stores, close };
}

/**
 * An empty database on `engine` with nothing migrated, for tests of a migration itself
 * (migrate it to the release before, write rows as they were, then migrate on).
 */
export async function openBareTestDatabase(engine: Engine): Promise<{ db: Kysely<any>; close(): Promise<void> }> {
  if (engine === 'sqlite') {
    const db = new Kysely<any>({ dialect: nodeSqliteDialect(new DatabaseSync(':memory:')) });
    return { db, close: () => db.destroy() };
  }
  const database = await createTestDatabase({ empty: true });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: createPostgresPool(database.url, 2) }) });
  return {
    db,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
