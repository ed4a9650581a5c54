// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import type { Connection } from '@@/shared/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { useConnections } from './use-connections';

const background = vi.hoisted(() => ({
  send: vi.fn(async (_type: string) => ({ ok: true }) as const),
  listeners: new Map<string, () => void>(),
}));
vi.mock('@/lib/messaging/to-background', () => ({ sendToBackground: background.send }));
vi.mock('@/lib/messaging/to-pages', () => ({
  listenToBackground: (type: string, listener: () => void) => {
    background.listeners.set(type, listener);
    return () => background.listeners.delete(type);
  },
}));

const refreshes = () => background.send.mock.calls.filter(([type]) => type === 'refreshConnections').length;

const connection = (id: string, name: string): Connection => ({
  id, provider: 'github', name, workspaceId: 'w1', createdBy: 'u1', authMode: 'oauth2', account: { id: '1', label: 'octocat' },
  status: 'active', statusReason: null, scopes: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, expiresAt: null,
});

function List() {
  const { connections } = useConnections();
  return <ul>{connections?.map((c) => <li key={c.id}>{c.name}</li>)}</ul>;
}

let root: HTMLElement;
beforeEach(async () => {
  await db.delete();
  await db.open();
  background.send.mockClear();
  background.listeners.clear();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

describe('the popup’s connection list', () => {
  it('asks for the list once when it opens, and never again on a timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    render(<List />, root);
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshes()).toBe(1);
    // Ten minutes open: a poll, at any period under that, would have asked again.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(refreshes()).toBe(1);
  });

  it('a connection the background writes into Dexie (a pushed event) shows in the open list', async () => {
    render(<List />, root);
    await vi.waitFor(() => expect(refreshes()).toBe(1));
    await db.connections.put(connection('c1', 'Acme GitHub'));
    await vi.waitFor(() => expect(root.textContent).toBe('Acme GitHub'), { timeout: 2_000, interval: 5 });
    await db.connections.update('c1', { name: 'Acme engineering' });
    await vi.waitFor(() => expect(root.textContent).toBe('Acme engineering'), { timeout: 2_000, interval: 5 });
  });

  it('re-reads the list when the background says a consent tab finished', async () => {
    render(<List />, root);
    await vi.waitFor(() => expect(refreshes()).toBe(1));
    background.listeners.get('connectionsChanged')!();
    expect(refreshes()).toBe(2);
  });
});
