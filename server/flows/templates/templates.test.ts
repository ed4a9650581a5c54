import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { IntegrationDocument, Step } from '../../../shared/flows/document';
import { checkExpression, evaluateCondition, renderTemplate, templateExpressions, type FlowScope } from '../../../shared/flows/expressions';
import { findProvider } from '../../../shared/providers';
import { githubExample } from '../../testing/webhooks';
import { forEachEngine } from '../../store/testing/engines';
import { parseIntegrationText } from '../../../shared/flows/parse';
import { checkDocument } from '../../../shared/flows/check';
import { flowsTestApp, type FlowsTestApp } from '../testing/flows-app';
import { builtinTemplateFile, builtinTemplates, BUILTIN_TEMPLATE_SLUGS } from './builtin';

type ActionStep = Extract<Step, { action: string }>;
const actionSteps = (document: IntegrationDocument) => document.flows.flatMap((f) => f.steps.filter((s): s is ActionStep => 'action' in s));
const actionOf = (step: ActionStep) => {
  const [provider, name] = step.action.split('.') as [string, string];
  return findProvider(provider)?.actions?.[name];
};
const template = (slug: string) => builtinTemplates().find((t) => t.slug === slug)!.document;

/** Every string a template may hold an expression in: conditions, and input strings. */
function expressionsOf(document: IntegrationDocument): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') found.push(...templateExpressions(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const flow of document.flows) {
    if (flow.trigger.if) found.push(flow.trigger.if);
    for (const step of flow.steps) {
      if (step.if) found.push(step.if);
      if ('action' in step) walk(step.input);
    }
  }
  return found;
}

describe('built-in templates', () => {
  it('every file listed is a valid document, and every YAML file in the folder is listed', () => {
    expect(builtinTemplates().map((t) => t.slug)).toEqual([...BUILTIN_TEMPLATE_SLUGS]);
    const files = readdirSync(new URL('./builtin/', import.meta.url)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
    expect(files.map((f) => f.replace(/\.ya?ml$/, '')).sort()).toEqual([...BUILTIN_TEMPLATE_SLUGS].sort());
    for (const slug of BUILTIN_TEMPLATE_SLUGS) {
      const text = readFileSync(builtinTemplateFile(slug), 'utf8');
      const parsed = parseIntegrationText(text, 'application/yaml');
      expect(parsed.ok ? [] : parsed.errors, slug).toEqual([]);
      // And they pass what publishing checks: every path on the trigger's sample payload, inputs against the catalog.
      expect(checkDocument(builtinTemplates().find((t) => t.slug === slug)!.document, { source: text }), slug).toEqual([]);
    }
  });

  it('name only catalog actions, with their input fields, through connection variables of the action’s provider', () => {
    for (const { slug, document } of builtinTemplates()) {
      const vars = new Map((document.configVars ?? []).map((v) => [v.key, v]));
      for (const flow of document.flows) {
        if (flow.trigger.type === 'event' && flow.trigger.connection) expect(vars.get(flow.trigger.connection)?.type, slug).toBe('connection');
      }
      for (const step of actionSteps(document)) {
        const action = actionOf(step);
        expect(action, `${slug}: ${step.action}`).toBeDefined();
        expect(vars.get(step.connection), `${slug}: ${step.id}`).toMatchObject({ type: 'connection', provider: step.action.split('.')[0] });
        const fields = Object.keys((action!.input as z.ZodObject).shape);
        expect(fields, `${slug}: ${step.id}`).toEqual(expect.arrayContaining(Object.keys(step.input ?? {})));
      }
      for (const expr of expressionsOf(document)) {
        expect(() => checkExpression(expr), `${slug}: ${expr}`).not.toThrow();
        for (const [, key] of expr.matchAll(/config\.([A-Za-z_][A-Za-z0-9_]*)/g)) expect([...vars.keys()], `${slug}: ${expr}`).toContain(key);
      }
    }
  });

  /** Runs a flow's condition and renders each action step's input against a sample, checking each with the action's schema. */
  function dryRun(document: IntegrationDocument, scope: Omit<FlowScope, 'steps'>, outputs: Record<string, unknown> = {}) {
    const flow = document.flows[0]!;
    if (!evaluateCondition(flow.trigger.if ?? 'true', { ...scope, steps: {} })) return { fired: false, inputs: {} };
    const inputs: Record<string, unknown> = {};
    const steps: Record<string, unknown> = {};
    for (const step of flow.steps as ActionStep[]) {
      const s = { ...scope, steps };
      if (step.if && !evaluateCondition(step.if, s)) continue;
      const parsed = actionOf(step)!.input.safeParse(renderTemplate(step.input ?? {}, s));
      expect(parsed.success ? [] : parsed.error.issues, step.id).toEqual([]);
      inputs[step.id] = parsed.data;
      steps[step.id] = outputs[step.id];
    }
    return { fired: true, inputs };
  }

  it('GitHub urgent bug → Slack: posts an issue labelled urgent, filters one without', () => {
    const document = template('github-urgent-bug-to-slack');
    const issue = githubExample('issues', 'opened');
    issue.issue.labels = [{ name: 'bug' }, { name: 'urgent' }];
    const config = { channel: 'C0123456', label: 'urgent' };
    const run = dryRun(document, { trigger: issue, config });
    expect(run.inputs).toEqual({
      notify: { channel: 'C0123456', text: `New urgent bug: ${issue.issue.title}`, link: { url: issue.issue.html_url, title: `#${issue.issue.number} in ${issue.repository.full_name}` } },
    });
    issue.issue.labels = [{ name: 'bug' }];
    expect(dryRun(document, { trigger: issue, config }).fired).toBe(false);
  });

  it('HubSpot deal won → Slack + a note on the company; no note for a deal without one; other stages filtered', () => {
    const document = template('hubspot-deal-won-to-slack');
    const change = { eventId: 1, portalId: 62515, subscriptionType: 'deal.propertyChange', objectId: 1234, propertyName: 'dealstage', propertyValue: 'closedwon', occurredAt: 1_700_000_000_000 };
    const config = { channel: 'C0123456', wonStage: 'closedwon' };
    const deal = { object: 'deals', id: '1234', properties: { dealname: 'Acme renewal', dealstage: 'closedwon' }, associations: { companies: ['777'] }, updatedAt: null };
    expect(dryRun(document, { trigger: change, config }, { deal }).inputs).toEqual({
      deal: { object: 'deals', id: '1234' },
      announce: { channel: 'C0123456', text: 'Deal won: Acme renewal' },
      'company-note': { object: 'companies', id: '777', body: 'Deal won: Acme renewal' },
    });
    expect(Object.keys(dryRun(document, { trigger: change, config }, { deal: { ...deal, associations: {} } }).inputs)).toEqual(['deal', 'announce']);
    expect(dryRun(document, { trigger: { ...change, propertyValue: 'appointmentscheduled' }, config }).fired).toBe(false);
    expect(dryRun(document, { trigger: { ...change, propertyName: 'amount' }, config }).fired).toBe(false);
  });

  it('GitHub issue mentioning a customer → HubSpot note on that company; issues that do not name it are filtered', () => {
    const document = template('github-issue-customer-to-hubspot');
    const issue = githubExample('issues', 'opened');
    issue.issue.title = 'Login fails';
    issue.issue.body = 'Reported by Acme on their SSO tenant.';
    const config = { customer: 'Acme', companyId: '777' };
    expect(dryRun(document, { trigger: issue, config }).inputs).toEqual({
      note: { object: 'companies', id: '777', body: `GitHub issue mentioning Acme: Login fails (${issue.issue.html_url})` },
    });
    issue.issue.body = null;
    expect(dryRun(document, { trigger: issue, config }).fired).toBe(false);
    issue.issue.title = 'Acme: export times out';
    expect(dryRun(document, { trigger: issue, config }).fired).toBe(true);
  });
});

forEachEngine('templates API', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  it('lists the built-in gallery, then versions the caller’s workspace marked as templates (not other workspaces’)', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { template: true } });
    const ana = (await t.call('GET', '/api/templates', { token: t.ana.token })).json.templates;
    expect(ana.map((x: { id: string; source: string }) => [x.id, x.source])).toEqual([
      ['builtin:github-urgent-bug-to-slack', 'builtin'],
      ['builtin:hubspot-deal-won-to-slack', 'builtin'],
      ['builtin:github-issue-customer-to-hubspot', 'builtin'],
      [`${id}:v1`, 'workspace'],
    ]);
    expect(ana[0]).toMatchObject({ name: 'GitHub urgent bug to Slack', labels: ['github', 'slack'], integrationId: null, version: null });
    expect(ana[0].configVars.map((v: { key: string }) => v.key)).toEqual(['github', 'slack', 'channel', 'label']);
    expect(ana[3]).toMatchObject({ integrationId: id, version: 1, name: 'Urgent bugs to Slack' });
    expect((await t.call('GET', '/api/templates', { token: t.bo.token })).json.templates).toHaveLength(3);
  });

  it('installs a template: an integration with version 1 published and available, and a running instance, in one step', async () => {
    t = await flowsTestApp(engine);
    const config = { github: await t.connect(t.ana, 'github', 'Work'), slack: await t.connect(t.ana, 'slack', 'Team'), channel: 'C0123456' };
    const res = await t.call('POST', '/api/templates/builtin:github-urgent-bug-to-slack/install', { token: t.ana.token, body: { config, name: 'Eng urgent' } });
    expect(res.status).toBe(201);
    expect(res.json.integration).toMatchObject({ name: 'GitHub urgent bug to Slack', latestVersion: 1, forkedFrom: null, instanceCount: 1 });
    expect(res.json.integration.versions).toEqual([expect.objectContaining({ version: 1, available: true, template: false })]);
    expect(res.json.integration.draft).toEqual(template('github-urgent-bug-to-slack'));
    expect(res.json.instance).toMatchObject({ name: 'Eng urgent', version: 1, status: 'active', config: { ...config, label: 'urgent' } });
    expect(res.json.signingSecret).toBeNull();
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances).toHaveLength(1);
  });

  it('install with config that does not fit leaves nothing behind', async () => {
    t = await flowsTestApp(engine);
    const github = await t.connect(t.ana, 'github', 'Work');
    const res = await t.call('POST', '/api/templates/builtin:github-urgent-bug-to-slack/install', { token: t.ana.token, body: { config: { github, slack: github, channel: 'C0123456' } } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('"Slack" needs a Slack connection; Work is a GitHub connection.');
    expect((await t.call('GET', '/api/integrations', { token: t.ana.token })).json.integrations).toEqual([]);
    expect(await t.deps.db.selectFrom('integration_versions').selectAll().execute()).toEqual([]);
  });

  it('installs a workspace template as a new integration forked from it; another workspace’s or an unknown template is a 404', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { template: true } });
    const res = await t.call('POST', `/api/templates/${id}:v1/install`, { token: t.ana.token, body: { config: await t.anaConfig() } });
    expect(res.status).toBe(201);
    expect(res.json.integration).toMatchObject({ forkedFrom: id, latestVersion: 1 });
    expect(res.json.signingSecret).toMatch(/^whsec_/);

    const boConfig = { channel: 'C0123456', slack: await t.connect(t.bo, 'slack'), github: await t.connect(t.bo, 'github') };
    for (const templateId of [`${id}:v1`, `${id}:v2`, 'builtin:nope', 'nope']) {
      const refused = await t.call('POST', `/api/templates/${templateId}/install`, { token: t.bo.token, body: { config: boConfig } });
      expect(refused.status, templateId).toBe(404);
    }
    // Unmarked, it is no longer offered, even to its own workspace.
    await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { template: false } });
    expect((await t.call('POST', `/api/templates/${id}:v1/install`, { token: t.ana.token, body: { config: await t.anaConfig() } })).status).toBe(404);
  });
});
