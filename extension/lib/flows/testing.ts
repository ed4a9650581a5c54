import type { FlowInstance, FlowSummary } from '@@/shared/protocol/flows';

/** A deployed instance as `GET /api/instances` lists it, for tests: `flows` are the parts that matter. */
export function instance(id: string, flows: FlowSummary[], over: Partial<FlowInstance> = {}): FlowInstance {
  return {
    id,
    workspaceId: 'w1',
    integrationId: `int-${id}`,
    integrationName: `Integration ${id}`,
    version: 1,
    name: `Instance ${id}`,
    config: {},
    status: 'active',
    statusReason: null,
    flows,
    webhookUrls: [],
    failureAlert: null,
    createdBy: 'u1',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...over,
  };
}

export function manualFlow(id: string, from: string[], inputSchema: Record<string, unknown> | null = null, name = `Flow ${id}`): FlowSummary {
  return { id, name, description: null, trigger: { type: 'manual', from, inputSchema }, stepCount: 1 };
}

export function eventFlow(id: string): FlowSummary {
  return { id, name: `Flow ${id}`, description: null, trigger: { type: 'event', event: 'github.issues.opened', connection: null }, stepCount: 1 };
}
