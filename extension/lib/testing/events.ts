import type { Connection, WeftEvent } from '@@/shared/protocol';

/** Test data: an event with sensible defaults, created "now" unless told. */
export function makeEvent(id: number, overrides: Partial<Omit<WeftEvent, 'summary'>> & { summary?: Partial<WeftEvent['summary']> } = {}): WeftEvent {
  const { summary, ...rest } = overrides;
  return {
    id,
    type: 'github.issues.opened',
    provider: 'github',
    workspaceId: 'w1',
    connectionId: 'c1',
    deliveryId: id,
    payload: {},
    createdAt: new Date().toISOString(),
    ...rest,
    summary: { title: `Event ${id}`, url: null, actor: 'someone', assignees: [], mentions: [], subject: null, ...summary },
  };
}

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'c1',
    provider: 'github',
    name: 'GitHub',
    workspaceId: 'w1',
    createdBy: 'u1',
    authMode: 'oauth2',
    account: { id: '1', label: 'octocat' },
    status: 'active',
    statusReason: null,
    scopes: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
    expiresAt: null,
    ...overrides,
  };
}
