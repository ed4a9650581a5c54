import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkDocument } from '../../shared/flows/check';
import { integrationDocument, type Step } from '../../shared/flows/document';
import { parseIntegrationText } from '../../shared/flows/parse';
import { evaluate, evaluateCondition, renderTemplate, type FlowScope } from '../../shared/flows/expressions';
import { githubExample } from '../../server/testing/webhooks';
import { findProvider } from '../../shared/providers';
import { apiResponses, nonJsonRoutes } from '../../shared/protocol/routes';

// The README's "Flows" section teaches the document format by example: that example must be
// a document the server accepts, with actions and inputs the catalog has, or a reader who
// copies it gets an error on their first try. Its API table must list every flow route.
const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The first fenced YAML block under the "### The document" heading of "## Flows". */
export function readmeFlowExample(markdown: string): string {
  const flows = markdown.indexOf('\n## Flows\n');
  const heading = markdown.indexOf('\n### The document\n', flows);
  if (flows < 0 || heading < 0) throw new Error('README has no "## Flows" / "### The document" section');
  const block = /```yaml\n([\s\S]*?)```/.exec(markdown.slice(heading));
  if (!block) throw new Error('"### The document" has no ```yaml block');
  return block[1]!;
}

function leafSteps(steps: Step[]): Step[] {
  return steps.flatMap((s) => ('branch' in s ? s.branch.flatMap((b) => leafSteps(b.steps)) : 'forEach' in s ? leafSteps(s.forEach.steps) : [s]));
}

describe('the README\'s Flows section', () => {
  it('its example integration is a valid document: parsed as the API parses it, and passing the checks publishing runs', () => {
    const source = readmeFlowExample(readme);
    const parsed = parseIntegrationText(source, 'application/yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(checkDocument(parsed.document, { source })).toEqual([]);
    // What the text around it promises about this very example.
    expect(parsed.document.labels).toEqual(['github', 'slack']);
    expect(parsed.document.flows.map((f) => [f.id, f.trigger.type])).toEqual([['urgent-bug', 'event']]);
    expect(integrationDocument.parse(parseYaml(source))).toEqual(parsed.document);
  });

  it('its example names only catalog actions, their input fields, and config variables it declares', () => {
    const doc = integrationDocument.parse(parseYaml(readmeFlowExample(readme)));
    const keys = new Map((doc.configVars ?? []).map((v) => [v.key, v]));
    for (const flow of doc.flows) {
      if ('connection' in flow.trigger && flow.trigger.connection) expect(keys.get(flow.trigger.connection)?.type).toBe('connection');
      for (const step of leafSteps(flow.steps)) {
        if (!('action' in step)) continue;
        const [provider, name] = step.action.split('.') as [string, string];
        const action = findProvider(provider)?.actions?.[name];
        expect(action, step.action).toBeDefined();
        expect(keys.get(step.connection)).toMatchObject({ type: 'connection', provider });
        const fields = Object.keys((action!.input as z.ZodObject).shape);
        expect(fields).toEqual(expect.arrayContaining(Object.keys(step.input ?? {})));
      }
      // Every `config.<key>` an expression reads is declared.
      for (const [, key] of JSON.stringify(flow).matchAll(/config\.([A-Za-z_][A-Za-z0-9_]*)/g)) expect([...keys.keys()]).toContain(key);
    }
  });

  it('its example posts "New urgent bug: <title>" for an issue labelled urgent, a valid Slack input, and nothing for another', () => {
    const doc = integrationDocument.parse(parseYaml(readmeFlowExample(readme)));
    const [flow] = doc.flows;
    const config = Object.fromEntries((doc.configVars ?? []).map((v) => [v.key, 'default' in v ? v.default : `${v.key}-connection-id`]));
    const issue = (labels: string[]) => {
      const payload = githubExample('issues', 'opened');
      payload.issue.labels = labels.map((name) => ({ name }));
      return payload;
    };
    const scope = (trigger: unknown): FlowScope => ({ trigger, config, steps: {} });
    const urgent = issue(['bug', 'urgent']);
    expect(evaluateCondition(flow!.trigger.if!, scope(urgent))).toBe(true);
    expect(evaluateCondition(flow!.trigger.if!, scope(issue(['bug'])))).toBe(false);
    expect(evaluateCondition(flow!.trigger.if!, scope(issue([])))).toBe(false);
    const step = flow!.steps[0]!;
    if (!('action' in step)) throw new Error('the example\'s first step is an action');
    const input = renderTemplate(step.input!, scope(urgent));
    expect(input).toMatchObject({ channel: 'C0123456', text: `New urgent bug: ${urgent.issue.title}` });
    expect(findProvider('slack')!.actions!.post_message!.input.safeParse(input).error?.issues ?? []).toEqual([]);
  });

  it('every expression its Expressions section shows evaluates', () => {
    const start = readme.indexOf('\n### Expressions\n');
    const section = readme.slice(start, readme.slice(start + 1).search(/\n##+ /) + start + 1);
    const spans = [...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const expressions = spans.filter((s) => /^(trigger|config|steps|size\()[\w.(]/.test(s));
    const templates = spans.filter((s) => /^\w+: '.*\{\{.*\}\}.*'$/.test(s));
    expect(expressions.length).toBeGreaterThanOrEqual(5);
    expect(templates.length).toBeGreaterThanOrEqual(2);
    const payload = githubExample('issues', 'opened');
    payload.issue.labels = [{ name: 'urgent' }];
    const scope: FlowScope = { trigger: payload, config: { channel: 'C0123456' }, steps: { notify: { ts: '1700000000.000100' } } };
    for (const expr of expressions) expect(() => evaluate(expr, scope), expr).not.toThrow();
    const rendered = templates.map((t) => renderTemplate(parseYaml(t) as Record<string, string>, scope));
    expect(rendered).toEqual([{ text: `New urgent bug: ${payload.issue.title}` }, { labels: ['urgent'] }]);
  });

  it('its API table lists every flow route the server answers', () => {
    const flowRoute = /^(GET|POST|PUT|PATCH|DELETE) \/(api\/(integrations|instances|runs|templates)|hooks\/flows)\b/;
    const routes = [...Object.keys(apiResponses), ...Object.keys(nonJsonRoutes)].filter((r) => flowRoute.test(r));
    const api = readme.slice(readme.indexOf('\n### HTTP API\n'));
    for (const route of routes) expect(api, route).toContain(`\`${route}\``);
  });
});
