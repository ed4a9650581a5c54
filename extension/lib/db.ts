import Dexie, { type EntityTable } from 'dexie';
import type { Connection, ProviderView } from '@@/shared/protocol';

/**
 * The extension's IndexedDB, in the extension's own origin: background, popup and options
 * share it; content scripts must ask the background (their IndexedDB is the host site's).
 * The popup renders from here first, then refreshes from the server.
 * https://dexie.org/docs/Tutorial/Design#database-versioning
 */
export class WeftDb extends Dexie {
  /** The server's catalog as last fetched, with what this server can connect. */
  providers!: EntityTable<ProviderView, 'id'>;
  /** The signed-in user's connections as last fetched. No tokens: the server keeps those. */
  connections!: EntityTable<Connection, 'id'>;

  constructor() {
    super('weft');
    this.version(1).stores({
      providers: 'id, category',
      connections: 'id, provider, createdAt',
    });
  }
}

export const db = new WeftDb();

/** On sign-in, sign-out or a lost session: another account's connections must not linger. */
export async function clearCachedAccountData(): Promise<void> {
  await db.connections.clear();
}
