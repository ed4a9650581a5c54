import type { Flow, IntegrationDocument, Step, TemplateValue } from './document';

// Walking an integration document: every step in the order a run meets it, and every
// place an expression is written, each with its path in the document (the path an error
// reports, and parse.ts turns into a line and column).

export type DocPath = (string | number)[];

export type StepVisit = {
  step: Step;
  path: DocPath;
  /** The branch / forEach steps this one is nested in, outermost first. */
  ancestors: Step[];
  /** Inside a forEach (so `item` and `index` are in scope). */
  inForEach: boolean;
};

/** Every step of `flow`, parents before their children, in document order. */
export function stepsOf(flow: Flow, flowPath: DocPath): StepVisit[] {
  const out: StepVisit[] = [];
  const visit = (steps: Step[], path: DocPath, ancestors: Step[], inForEach: boolean) => {
    steps.forEach((step, i) => {
      const stepPath = [...path, i];
      out.push({ step, path: stepPath, ancestors, inForEach });
      if ('branch' in step) step.branch.forEach((b, j) => visit(b.steps, [...stepPath, 'branch', j, 'steps'], [...ancestors, step], inForEach));
      if ('forEach' in step) visit(step.forEach.steps, [...stepPath, 'forEach', 'steps'], [...ancestors, step], true);
    });
  };
  visit(flow.steps, [...flowPath, 'steps'], [], false);
  return out;
}

/**
 * Where an expression is written: a bare CEL `condition` (an `if:`, true or false), a bare
 * `expression` (forEach `items`), or a `template` string whose `{{ }}` parts are expressions.
 */
export type ExpressionSite = { kind: 'condition' | 'expression' | 'template'; text: string; path: DocPath };

/** The expression sites of one step itself (not of the steps nested in it). */
export function stepSites(step: Step, path: DocPath): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  if (step.if !== undefined) sites.push({ kind: 'condition', text: step.if, path: [...path, 'if'] });
  if ('action' in step && step.input) sites.push(...templateSites(step.input, [...path, 'input']));
  if ('http' in step) {
    sites.push({ kind: 'template', text: step.http.url, path: [...path, 'http', 'url'] });
    for (const [name, value] of Object.entries(step.http.headers ?? {})) sites.push({ kind: 'template', text: value, path: [...path, 'http', 'headers', name] });
    if (step.http.body !== undefined) sites.push(...templateSites(step.http.body, [...path, 'http', 'body']));
  }
  if ('webhook' in step) {
    sites.push({ kind: 'template', text: step.webhook.url, path: [...path, 'webhook', 'url'] });
    sites.push(...templateSites(step.webhook.body, [...path, 'webhook', 'body']));
  }
  if ('delay' in step) sites.push({ kind: 'template', text: step.delay, path: [...path, 'delay'] });
  if ('branch' in step) {
    step.branch.forEach((b, j) => {
      if (b.if !== undefined) sites.push({ kind: 'condition', text: b.if, path: [...path, 'branch', j, 'if'] });
    });
  }
  if ('forEach' in step) sites.push({ kind: 'expression', text: step.forEach.items, path: [...path, 'forEach', 'items'] });
  return sites;
}

/** The trigger's `if:`, when it has one. */
export function triggerSites(flow: Flow, flowPath: DocPath): ExpressionSite[] {
  return flow.trigger.if === undefined ? [] : [{ kind: 'condition', text: flow.trigger.if, path: [...flowPath, 'trigger', 'if'] }];
}

/** Every string inside a template value, with its path (strings without `{{` included). */
export function templateSites(value: TemplateValue, path: DocPath): ExpressionSite[] {
  if (typeof value === 'string') return [{ kind: 'template', text: value, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => templateSites(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => templateSites(v, [...path, k]));
  return [];
}

/** Each flow with its path. */
export function flowsOf(document: IntegrationDocument): { flow: Flow; path: DocPath }[] {
  return document.flows.map((flow, i) => ({ flow, path: ['flows', i] }));
}
