import 'fake-indexeddb/auto';
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

  it('does not rewrite an unchanged list (the popup polls, liveQuery would re-render)', async () => {
    const list = [connection('a'), connection('b')];
    await db.connections.bulkPut(list);
    vi.spyOn(api, 'connections').mockResolvedValue({ connections: list });
    const clear = vi.spyOn(db.connections, 'clear');
    await refreshConnections();
    expect(clear).not.toHaveBeenCalled();
  });
});

describe('sameRows', () => {
  it('compares by id and content, not order', () => {
    expect(sameRows([connection('a'), connection('b')], [connection('b'), connection('a')])).toBe(true);
    expect(sameRows([connection('a')], [connection('a', 'renamed')])).toBe(false);
    expect(sameRows([connection('a')], [connection('a'), connection('b')])).toBe(false);
  });
});
