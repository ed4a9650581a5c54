import type { EntityTable } from 'dexie';
import type { Connection, ProviderView } from '@@/shared/protocol';
import { api } from './api';
import { db } from './db';

/**
 * Server → Dexie. The popup reads Dexie through liveQuery, so writing here is how the
 * UI updates. Writes are skipped when nothing changed: every popup opening refreshes the
 * list, and an identical rewrite would re-render it for nothing.
 */

export async function refreshConnections(): Promise<Connection[]> {
  const { connections } = await api.connections();
  await replaceAll(db.connections, connections);
  return connections;
}

export async function refreshCatalog(): Promise<ProviderView[]> {
  const { providers } = await api.providers();
  await replaceAll(db.providers, providers);
  return providers;
}

/** After a single-connection call (test, rename, new key) that answered with the new state. */
export async function storeConnection(connection: Connection): Promise<void> {
  await db.connections.put(connection);
}

export async function forgetConnection(id: string): Promise<void> {
  await db.connections.delete(id);
}

async function replaceAll<T extends { id: string }>(table: EntityTable<T, 'id'>, rows: T[]): Promise<void> {
  await db.transaction('rw', table, async () => {
    const current = await table.toArray();
    if (sameRows(current, rows)) return;
    await table.clear();
    await table.bulkPut(rows);
  });
}

export function sameRows<T extends { id: string }>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((row) => [row.id, JSON.stringify(row)]));
  return b.every((row) => byId.get(row.id) === JSON.stringify(row));
}
