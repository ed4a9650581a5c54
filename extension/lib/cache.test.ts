import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@@/shared/protocol';
import { api } from './api';
import { refreshConnections, sameRows } from './cache';
import { db } from './db';

const connection = (id: string, name = id): Connection => ({
  id,
  provider: 'github',
  name,
  workspaceId: 'w1',
  createdBy: 'u1',
  authMode: 'oauth2',
  account: null,
  status: 'active',
  statusReason: null,
  scopes: [],
  createdAt: `2026-01-0${id.length}T00:00:00Z`,
  updatedAt: '2026-01-01T00:00:00Z',
  lastUsedAt: null,
  expiresAt: null,
});

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await db.connections.clear();
});

describe('refreshConnections', () => {
  it('mirrors the server: new rows in, deleted rows out', async () => {
    await db.connections.bulkPut([connection('gone'), connection('kept', 'Old name')]);
    vi.spyOn(api, 'connections').mockResolvedValue({ connections: [connection('kept', 'New name'), connection('new')] });
    await refreshConnections();
    const rows = await db.connections.toArray();
    expect(rows.map((r) => [r.id, r.name]).sort()).toEqual([
      ['kept', 'New name'],
      ['new', 'new'],
    ]);
  });

  it('an unchanged list leaves the stored rows as they were, byte for byte, and commits no write (no liveQuery wakes)', async () => {
    const list = [connection('a'), connection('b')];
    await db.connections.bulkPut(list);
    vi.spyOn(api, 'connections').mockResolvedValue({ connections: list });
    const before = await storedRows();
    const writes = watchWrites();
    try {
      await refreshConnections();
      expect(await storedRows()).toBe(before);
      // Dexie announces every committed write before the transaction's promise settles, so an
      // empty list here is a fact, not a race; the changed list below shows the watch sees one.
      expect(writes.seen).toEqual([]);

      vi.spyOn(api, 'connections').mockResolvedValue({ connections: [connection('a', 'renamed'), connection('b')] });
      await refreshConnections();
      expect(writes.seen.length).toBeGreaterThan(0);
      expect(await storedRows()).not.toBe(before);
    } finally {
      writes.stop();
    }
  });
});

/** The connections store as IndexedDB holds it, read around Dexie through a second connection. */
async function storedRows(): Promise<string> {
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(db.name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const read = raw.transaction('connections').objectStore('connections').getAll();
      read.onsuccess = () => resolve(read.result);
      read.onerror = () => reject(read.error);
    });
    return JSON.stringify(rows);
  } finally {
    raw.close();
  }
}

/** Every committed change to the connections table, as Dexie announces it to liveQuery. */
function watchWrites() {
  const seen: string[] = [];
  const listener = (parts: Record<string, unknown>) => {
    for (const part of Object.keys(parts)) if (part.includes('/connections/')) seen.push(part);
  };
  Dexie.on('storagemutated', listener);
  return { seen, stop: () => Dexie.on('storagemutated').unsubscribe(listener) };
}

describe('sameRows', () => {
  it('compares by id and content, not order', () => {
    expect(sameRows([connection('a'), connection('b')], [connection('b'), connection('a')])).toBe(true);
    expect(sameRows([connection('a')], [connection('a', 'renamed')])).toBe(false);
    expect(sameRows([connection('a')], [connection('a'), connection('b')])).toBe(false);
  });
});
