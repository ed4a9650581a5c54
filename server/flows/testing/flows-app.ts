import type { IntegrationDocument } from '../../../shared/flows/document';
import { slackAndGithubVars, urgentBugFlow, urgentBugHeader } from '../../../shared/flows/testing/urgent-bug';
import { findProvider } from '../../../shared/providers';
import { saveConnection } from '../../connections/save-connection';
import type { Engine } from '../../store/engine';
import { createTestApp } from '../../testing/test-app';

/**
 * An integration using most of what the API reads: connection and plain config variables
 * (one required, one with a default), an event flow, a signed webhook flow and a manual one.
 */
export const sampleDocument = (name = 'Urgent bugs to Slack'): IntegrationDocument => ({
  ...urgentBugHeader(name),
  configVars: [
    { key: 'channel', label: 'Slack channel', type: 'string', required: true },
    { key: 'prefix', label: 'Prefix', type: 'string', default: 'New urgent bug' },
    ...slackAndGithubVars,
  ],
  flows: [
    urgentBugFlow('{{config.prefix}}: {{trigger.issue.title}}'),
    {
      id: 'from-ci',
      name: 'From CI',
      trigger: { type: 'webhook', signed: true },
      steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: '{{trigger.text}}' } }],
    },
    {
      id: 'escalate',
      name: 'Escalate this issue',
      trigger: { type: 'manual', from: ['github.issue'], inputSchema: { type: 'object', properties: { note: { type: 'string' } } } },
      steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: 'Escalated: {{trigger.note}}' } }],
    },
  ],
});

/**
 * A test app with two users, Ana and Bo, each able to create connections of any provider
 * in their own workspace (stored directly, as if connected), and shortcuts for the flow API.
 */
export async function flowsTestApp(engine: Engine) {
  const t = await createTestApp({}, { engine });
  const ana = await t.signUp();
  const bo = await t.signUp();
  let accounts = 0;
  const connect = async (who: typeof ana, provider: string, name?: string) => {
    const { row } = await saveConnection(
      t.deps.db,
      t.deps.vault,
      findProvider(provider)!,
      { id: String(++accounts), label: name ?? `${provider} ${accounts}` },
      { authMode: 'api_key', accessToken: `token-${provider}-${accounts}-0123456789`, refreshToken: null, expiresAt: null, scopes: [] },
      { workspaceId: who.user.workspaceId, userId: who.user.id, name },
    );
    return row.id;
  };
  /** A new integration with `document` as its draft, published once: its id. */
  const published = async (who: typeof ana, document: IntegrationDocument = sampleDocument()) => {
    const created = await t.call('POST', '/api/integrations', { token: who.token, body: document });
    if (created.status !== 201) throw new Error(created.text);
    const id = created.json.integration.id as string;
    const v = await t.call('POST', `/api/integrations/${id}/versions`, { token: who.token, body: { note: 'First' } });
    if (v.status !== 201) throw new Error(v.text);
    return id;
  };
  /** Ana's connections for the sample document and the config that names them. */
  const anaConfig = async () => ({ channel: 'C0123456', slack: await connect(ana, 'slack', 'Team Slack'), github: await connect(ana, 'github', 'Work') });
  return { ...t, ana, bo, connect, published, anaConfig };
}

export type FlowsTestApp = Awaited<ReturnType<typeof flowsTestApp>>;
