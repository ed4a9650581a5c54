import type { IntegrationDocument } from '@@/shared/flows/document';
import { slackAndGithubVars, urgentBugFlow, urgentBugHeader } from '@@/shared/flows/testing/urgent-bug';
import type { Connection } from '@@/shared/protocol';
import type { FlowInstance, IntegrationDetail, VersionSummary } from '@@/shared/protocol/flows';

/** Test data for the Flows page's component tests: the README's urgent-bug integration and what the server says about it. */
export const urgentBugs: IntegrationDocument = {
  ...urgentBugHeader(),
  configVars: [{ key: 'channel', label: 'Slack channel', type: 'string', default: 'C0123456' }, ...slackAndGithubVars],
  flows: [urgentBugFlow('New urgent bug: {{trigger.issue.title}}')],
};

export const version = (n: number, patch: Partial<VersionSummary> = {}): VersionSummary => ({
  integrationId: 'int1', version: n, note: `v${n} note`, contentHash: `${n}`.repeat(64), available: true, template: false, publishedBy: 'u1', publishedAt: '2026-01-01T00:00:00.000Z', ...patch,
});

export const instance = (id: string, name: string, patch: Partial<FlowInstance> = {}): FlowInstance => ({
  id, workspaceId: 'w1', integrationId: 'int1', integrationName: 'Urgent bugs to Slack', version: 1, name, config: {}, status: 'active', statusReason: null,
  flows: [{ id: 'urgent-bug', name: 'Urgent bug to Slack', description: null, trigger: { type: 'event', event: 'github.issues.opened', connection: 'github' }, stepCount: 1 }],
  webhookUrls: [], failureAlert: null, createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...patch,
});

export const detail = (patch: Partial<IntegrationDetail> = {}): IntegrationDetail => ({
  id: 'int1', workspaceId: 'w1', name: urgentBugs.name, description: urgentBugs.description!, category: 'Engineering', labels: ['github', 'slack'], forkedFrom: null,
  latestVersion: null, instanceCount: 0, createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  draft: urgentBugs, draftYaml: null, versions: [], instances: [], ...patch,
});

export const connection = (id: string, provider: string, name: string): Connection => ({
  id, provider, name, workspaceId: 'w1', createdBy: 'u1', authMode: 'oauth2', account: { id: '1', label: name.toLowerCase() }, status: 'active', statusReason: null,
  scopes: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, expiresAt: null,
});
