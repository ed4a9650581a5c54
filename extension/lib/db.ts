import Dexie, { type EntityTable } from 'dexie';
import type { Connection, ProviderView, WeftEvent } from '@@/shared/protocol';
import type { OutboxItem } from './outbox/types';

/** What the meta table holds, one row per key. */
export type MetaValues = {
  /** The id of the last event applied: the push client resumes after it. */
  cursor: number;
  /** Events that matched a notification rule since the popup was last opened (the badge). */
  unread: number;
  /** Whose stream the cursor belongs to (`<server> <user id>`); another account starts over. */
  owner: string;
  /** Epoch ms of sign-in (or of the first event applied for `owner`): older events are history, never unread. */
  since: number;
};
export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];

/** The latest event about one record (an issue, a deal…), keyed by `summary.subject`. */
export type SubjectRecord = { subject: string; eventId: number; event: WeftEvent };

/** A cached read (a page's context, a picker's choices), keyed like `github:octocat/hello-world#2`. */
export type Lookup = { key: string; value: unknown; fetchedAt: number };

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
  /** The newest applied events, for the activity list (see `maxStoredEvents`). */
  events!: EntityTable<WeftEvent, 'id'>;
  /** Cursor, unread count and whose they are; written in the same transaction as events. */
  meta!: EntityTable<MetaRow, 'key'>;
  /** The last event per subject: the latest known state of an issue, a deal… */
  records!: EntityTable<SubjectRecord, 'subject'>;
  /** Actions the user asked for, kept until the server answered them for good (lib/outbox). */
  outbox!: EntityTable<OutboxItem, 'id'>;
  /** What the overlays show, cached: they render from here first, then refresh. */
  lookups!: EntityTable<Lookup, 'key'>;

  constructor() {
    super('weft');
    this.version(1).stores({
      providers: 'id, category',
      connections: 'id, provider, createdAt',
    });
    this.version(2).stores({
      events: 'id, type',
      meta: 'key',
      records: 'subject, eventId',
    });
    this.version(3).stores({
      outbox: 'id, status, owner, createdAt',
      lookups: 'key, fetchedAt',
    });
  }
}

export const db = new WeftDb();

/**
 * On sign-in, sign-out or a lost session: another account's connections, events and
 * cursor must not linger. The moment is kept as `since`: the next account's events from
 * before it are history.
 */
export async function clearCachedAccountData(): Promise<void> {
  // The outbox stays: its items carry their owner, and wait for that account to come back.
  await db.transaction('rw', [db.connections, db.events, db.meta, db.records, db.lookups], async () => {
    await Promise.all([db.connections.clear(), db.events.clear(), db.meta.clear(), db.records.clear(), db.lookups.clear()]);
    await db.meta.put({ key: 'since', value: Date.now() });
  });
}
