import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * One PostgreSQL database per test store, so tests stay independent however they run:
 * `CREATE DATABASE … TEMPLATE <template>` copies a database the global set-up migrated
 * once, which is quicker than migrating each; `dropDatabase` removes it afterwards (on
 * a throwaway cluster that matters little, on WEFT_TEST_DATABASE_URL's server it keeps
 * it clean).
 */
export interface TestPostgres {
  /** A URL to the server with a user that may create databases. */
  adminUrl: string;
  /** A database with every migration applied, the template of migrated test databases. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestPostgres;
  }
}

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database and returns its URL. `template` is a database to copy (the migrated
 * one), or `template0` for an empty database.
 */
export async function createDatabase(adminUrl: string, template: string, prefix = 'weft_test'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, async (client) => {
    // Two copies of one template at the same moment can collide ("source database is being
    // accessed by other users" while the other copy starts): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  return { name, url: databaseUrl(adminUrl, name) };
}

/** Drops a database, ending any connection still open to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
