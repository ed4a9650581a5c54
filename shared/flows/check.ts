import type { z } from 'zod';
import { findProvider } from '../providers';
import { issueMessage } from '../messages/zod-issues';
import type { Flow, IntegrationDocument, Step, TemplateValue } from './document';
import { fieldReads } from './expression-reads';
import { evaluate, evaluateCondition, ExpressionError, renderTemplate, templateExpressions, templateSpans, type FlowScope } from './expressions';
import { samplePayload as defaultSamples } from './sample-payloads';
import { triggerSample, triggerSampleName } from './trigger-samples';
import { SourcePositions } from './source-positions';
import { flowsOf, stepsOf, stepSites, triggerSites, type DocPath, type ExpressionSite } from './walk-document';
import { triggerPathProblem } from './trigger-paths';

// Publish-time checks of a document that already parses (parse.ts did the syntax, schema
// and references): what it would do with a real run, tried on a sample of what each
// trigger hands its run (trigger-samples.ts): an event type's payload, a schedule tick,
// a manual run's input; a webhook's body only when the trigger declares a `sample` (the
// body is the sender's: without one, any field of it is taken).
// - Every `trigger.` path an expression reads must exist in the sample (has() excepted),
//   and every `item.` path inside a forEach over a list of the sample, in its first item.
// - A catalog action's input must fit the action's input schema: fields given as plain
//   values are checked as written; templated ones as they render from the sample (when
//   everything they read is known: the sample, config defaults), else taken as right.
//   Required fields must be present, unknown ones are refused (the action would drop them).
// - An `if:` must give true or false on the sample.

export type CheckProblem = { message: string; path: DocPath; line?: number; column?: number };

/** A problem and, in a template string, the offset of the `{{` it is about. */
type Located = CheckProblem & { offset?: number };

export type CheckContext = {
  /** The sample `trigger` of an event type (default: sample-payloads.ts). */
  samplePayload?: (eventType: string) => unknown;
  /** The document's text, to give each problem a line and column. */
  source?: string;
};

/** @example checkDocument(document, { source: yamlText }) // [{ message: '…', path: ['flows', 0, …], line: 18, column: 9 }] */
export function checkDocument(document: IntegrationDocument, context: CheckContext = {}): CheckProblem[] {
  const samples = context.samplePayload ?? defaultSamples;
  const config = Object.fromEntries((document.configVars ?? []).flatMap((v) => ('default' in v && v.default !== undefined ? [[v.key, v.default]] : [])));
  const problems: Located[] = [];
  for (const { flow, path } of flowsOf(document)) {
    const sample = triggerSample(flow.trigger, samples);
    const scope: SampleScope = { config };
    if (sample !== undefined) {
      scope.trigger = sample;
      if (flow.trigger.type === 'event') scope.event = { id: 1, type: flow.trigger.event, receivedAt: new Date(0).toISOString() };
    }
    for (const site of triggerSites(flow, path)) problems.push(...siteProblems(site, flow, scope));
    for (const visit of stepsOf(flow, path)) {
      const stepScope = scopeInside(visit.ancestors, scope);
      for (const site of stepSites(visit.step, visit.path)) problems.push(...siteProblems(site, flow, stepScope));
      problems.push(...actionInputProblems(visit.step, visit.path, flow, stepScope));
      problems.push(...httpBodyProblems(visit.step, visit.path));
    }
  }
  if (!context.source) return problems.map(({ offset: _, ...p }) => p);
  const positions = new SourcePositions(context.source);
  return problems.map(({ offset, ...p }) => ({ ...p, ...positions.of(p.path, offset) }));
}

/** The scope inside the forEach steps a step is nested in: `item` is the first item of the sample's list. */
function scopeInside(ancestors: Step[], scope: SampleScope): SampleScope {
  let inner = scope;
  for (const ancestor of ancestors) {
    if (!('forEach' in ancestor)) continue;
    let item: unknown;
    if (knowable(ancestor.forEach.items, inner)) {
      try {
        const items = evaluate(ancestor.forEach.items, inner as FlowScope);
        if (Array.isArray(items) && items.length > 0) item = items[0];
      } catch {
        // A path the sample lacks is reported where it is written.
      }
    }
    inner = { ...inner, item, index: item === undefined ? undefined : 0 };
  }
  return inner;
}

function siteProblems(site: ExpressionSite, flow: Flow, scope: SampleScope): Located[] {
  const spans = site.kind === 'template' ? templateSpans(site.text) : [{ expression: site.text, start: undefined }];
  const problems: Located[] = [];
  for (const { expression, start } of spans) {
    for (const read of fieldReads(expression)) {
      // Only an event trigger's run has an event; anywhere else the read fails every run (has() too: the variable is missing, not a field).
      if (read.root === 'event' && flow.trigger.type !== 'event') {
        problems.push({ message: `\`${expression}\` reads event, which only a flow started by an event has; this one starts on a ${flow.trigger.type} trigger (read trigger instead).`, path: site.path, offset: start });
        continue;
      }
      if (read.guarded || (read.root !== 'trigger' && read.root !== 'item')) continue;
      const sample = scope[read.root];
      if (sample === undefined) continue;
      const problem = triggerPathProblem(sample, read.path, sampleName(flow), read.root);
      if (problem) problems.push({ message: `\`${expression}\`: ${problem}`, path: site.path, offset: start });
    }
  }
  if (site.kind === 'condition' && problems.length === 0 && knowable(site.text, scope)) {
    try {
      evaluateCondition(site.text, scope as FlowScope);
    } catch (error) {
      if (error instanceof ExpressionError && /must give true or false|no such overload/.test(error.message)) {
        problems.push({ message: `${error.message} (tried on a sample ${sampleName(flow)})`, path: site.path });
      }
    }
  }
  return problems;
}

type SampleScope = Partial<FlowScope> & { config: Record<string, unknown> };

/**
 * A GET request carries no body (servers ignore or refuse one, and Weft's http step would
 * not send it): a body written on a GET is a mistake to say, not data to drop on each run.
 */
function httpBodyProblems(step: Step, path: DocPath): CheckProblem[] {
  if (!('http' in step) || step.http.body === undefined || !BODYLESS_METHODS.has(step.http.method)) return [];
  return [{ message: `A ${step.http.method} request has no body, so this one would not be sent. Use POST, PUT or PATCH to send it, or put its values in the URL's query.`, path: [...path, 'http', 'body'] }];
}

/** Methods whose requests have no body. */
export const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

function actionInputProblems(step: Step, path: DocPath, flow: Flow, scope: SampleScope): CheckProblem[] {
  if (!('action' in step)) return [];
  const [providerId, name] = step.action.split('.') as [string, string];
  const action = findProvider(providerId)?.actions?.[name];
  if (!action) return []; // parse.ts reports it
  const problems: CheckProblem[] = [];
  const input = step.input ?? {};
  const probe: Record<string, unknown> = {};
  const unknown = new Set<string>();
  for (const [field, value] of Object.entries(input)) {
    const rendered = renderOnSample(value, scope);
    if (rendered === UNKNOWN) unknown.add(field);
    else probe[field] = rendered;
  }
  const shape = (action.input as unknown as { shape?: Record<string, unknown> }).shape;
  for (const field of Object.keys(input)) {
    if (shape && !Object.hasOwn(shape, field)) {
      problems.push({ message: `${step.action} has no input "${field}"; its inputs: ${Object.keys(shape).join(', ')}.`, path: [...path, 'input', field] });
    }
  }
  const parsed = (action.input as z.ZodType).safeParse(probe);
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (unknown.has(field) || (shape && !Object.hasOwn(shape, field)))) continue;
    const fromSample = typeof field === 'string' && JSON.stringify(input[field]) !== JSON.stringify(probe[field]);
    const where = typeof field === 'string' && Object.hasOwn(input, field) ? [...path, 'input', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))] : [...path, 'input'];
    const message = issueMessage({ ...issue, path: ['input', ...issue.path] } as typeof issue);
    problems.push({ message: `${step.action}: ${message}${fromSample ? ` (as it renders from a sample ${sampleName(flow)})` : ''}`, path: where });
  }
  return problems;
}

const UNKNOWN = Symbol('unknown');

/** The value a template gives on the sample, or UNKNOWN when it reads what the sample does not hold. */
function renderOnSample(value: TemplateValue, scope: SampleScope): unknown {
  const texts: string[] = [];
  collectStrings(value, texts);
  if (texts.some((t) => !knowableTemplate(t, scope))) return UNKNOWN;
  try {
    return renderTemplate(value, scope as FlowScope);
  } catch {
    return UNKNOWN; // a path the sample lacks is reported on its own
  }
}

function knowableTemplate(text: string, scope: SampleScope): boolean {
  try {
    return templateExpressions(text).every((e) => knowable(e, scope));
  } catch {
    return false;
  }
}

/** Whether the sample scope holds everything `expression` reads. */
function knowable(expression: string, scope: SampleScope): boolean {
  return fieldReads(expression).every((read) => {
    if (read.root === 'trigger' || read.root === 'event' || read.root === 'item' || read.root === 'index') return scope[read.root] !== undefined;
    if (read.root === 'config') return typeof read.path[0] === 'string' && Object.hasOwn(scope.config, read.path[0]);
    return false;
  });
}

function collectStrings(value: unknown, out: string[]) {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, out));
}

function sampleName(flow: Flow): string {
  return triggerSampleName(flow.trigger);
}
