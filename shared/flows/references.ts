import { findProvider } from '../providers';
import { LIMITS, type ConfigVar, type IntegrationDocument } from './document';
import { fieldReads } from './expression-reads';
import { checkExpression, ExpressionError, templateSpans } from './expressions';
import { flowsOf, stepsOf, stepSites, triggerSites, type DocPath, type ExpressionSite, type StepVisit } from './walk-document';

// What the schema alone cannot see: ids that must be unique, names that must exist
// (connections, catalog actions, earlier steps), nesting, and expressions that must
// parse. Part of parsing: a document with any of these problems is not accepted.

/** `offset`: where in the string at `path` (a template) the problem is, when it is one `{{ }}` of it. */
export type Problem = { message: string; path: DocPath; offset?: number };

/** Every reference problem of a document the schema accepted, each at its path. */
export function referenceProblems(document: IntegrationDocument): Problem[] {
  const problems: Problem[] = [];
  const connections = new Map((document.configVars ?? []).map((v, i) => [v.key, { variable: v, index: i }]));
  duplicates(document.configVars ?? [], (v) => v.key, (i) => ['configVars', i, 'key'], (k) => `The config variable key "${k}"`, problems);
  duplicates(flowsOf(document), (f) => f.flow.id, (i) => ['flows', i, 'id'], (k) => `The flow id "${k}"`, problems);

  for (const { flow, path } of flowsOf(document)) {
    const visits = stepsOf(flow, path);
    duplicates(visits, (v) => v.step.id, (i) => [...visits[i]!.path, 'id'], (k) => `The step id "${k}" in flow "${flow.id}"`, problems);
    if (flow.trigger.type === 'event') {
      const provider = flow.trigger.event.split('.')[0]!;
      connectionProblem(connections, flow.trigger.connection, [...path, 'trigger', 'connection'], provider, problems);
    }
    for (const site of triggerSites(flow, path)) expressionProblems(site, new Set(), new Set(), false, problems);

    const seen = new Set<string>();
    for (const visit of visits) {
      stepProblems(visit, connections, problems);
      const ancestors = new Set(visit.ancestors.map((s) => s.id));
      for (const site of stepSites(visit.step, visit.path)) expressionProblems(site, seen, ancestors, visit.inForEach, problems);
      seen.add(visit.step.id);
    }
  }
  return problems;
}

function stepProblems({ step, path, ancestors }: StepVisit, connections: ConnectionVars, problems: Problem[]) {
  if (ancestors.length >= LIMITS.stepNesting) {
    problems.push({ message: `Step "${step.id}" is nested ${ancestors.length + 1} levels deep in branch / forEach steps; ${LIMITS.stepNesting} at most.`, path: [...path, 'id'] });
  }
  if ('action' in step) {
    const [providerId, name] = step.action.split('.') as [string, string];
    const provider = findProvider(providerId);
    if (!provider) problems.push({ message: `There is no provider "${providerId}" in the catalog.`, path: [...path, 'action'] });
    else if (!provider.actions || !Object.hasOwn(provider.actions, name)) {
      const offered = Object.keys(provider.actions ?? {});
      problems.push({ message: `${provider.name} has no action "${name}"${offered.length ? `; it offers: ${offered.join(', ')}` : ''}.`, path: [...path, 'action'] });
    }
    connectionProblem(connections, step.connection, [...path, 'connection'], providerId, problems);
  }
  if ('http' in step) connectionProblem(connections, step.http.connection, [...path, 'http', 'connection'], undefined, problems);
}

type ConnectionVars = Map<string, { variable: ConfigVar; index: number }>;

function connectionProblem(connections: ConnectionVars, key: string | undefined, path: DocPath, provider: string | undefined, problems: Problem[]) {
  if (key === undefined) return;
  const found = connections.get(key)?.variable;
  const offered = [...connections.values()].filter((c) => c.variable.type === 'connection' && (!provider || (c.variable.type === 'connection' && c.variable.provider === provider))).map((c) => c.variable.key);
  const choose = offered.length ? ` Use one of: ${offered.join(', ')}.` : ` Add one under configVars: { key: ${key}, label: …, type: connection${provider ? `, provider: ${provider}` : ''} }.`;
  if (!found) problems.push({ message: `There is no config variable "${key}".${choose}`, path });
  else if (found.type !== 'connection') problems.push({ message: `The config variable "${key}" is a ${found.type}, not a connection.${choose}`, path });
  else if (provider && found.provider !== provider) problems.push({ message: `The connection "${key}" is a ${found.provider} connection; this needs ${provider}.${choose}`, path });
}

function expressionProblems(site: ExpressionSite, earlier: Set<string>, ancestors: Set<string>, inForEach: boolean, problems: Problem[]) {
  let spans: { expression: string; start?: number }[];
  try {
    spans = site.kind === 'template' ? templateSpans(site.text) : [{ expression: site.text }];
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    problems.push({ message: error.message, path: site.path, offset: error.offset });
    return;
  }
  for (const { expression, start } of spans) {
    const at = { path: site.path, offset: start };
    try {
      checkExpression(expression);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push({ message: error.message, ...at });
      continue;
    }
    for (const read of fieldReads(expression)) {
      if ((read.root === 'item' || read.root === 'index') && !inForEach) {
        problems.push({ message: `\`${expression}\` reads ${read.root}, which only exists inside a forEach step.`, ...at });
      }
      const id = read.path[0];
      if (read.root !== 'steps' || typeof id !== 'string') continue;
      if (ancestors.has(id)) problems.push({ message: `\`${expression}\` reads steps.${id}, which has not finished yet: a step nested in "${id}" runs before it ends.`, ...at });
      else if (!earlier.has(id)) problems.push({ message: `\`${expression}\` reads steps.${id}, but no step "${id}" runs before this one.`, ...at });
    }
  }
}

function duplicates<T>(items: T[], key: (item: T) => string, path: (index: number) => DocPath, what: (key: string) => string, problems: Problem[]) {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else problems.push({ message: `${what(k)} is used twice (first at entry ${at + 1}); ids must be unique.`, path: path(i) });
  });
}
