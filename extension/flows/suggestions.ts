import type { IntegrationDocument, Trigger } from '@@/shared/flows/document';

/** Enough to find a field without listing a whole GitHub payload. */
const maxPaths = 300;
const maxDepth = 5;

/**
 * The expressions a step's input can use, for the "Insert" menu beside each field:
 * `trigger.…` paths read from the trigger's sample payload (objects walked, lists named
 * once), `event.…`, `config.<key>` and `steps.<id>` of the steps before this one.
 *
 * @example expressionPaths({ issue: { title: 'x', labels: [] } }, 'trigger') // ['trigger.issue', 'trigger.issue.title', 'trigger.issue.labels']
 */
export function expressionPaths(sample: unknown, root: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (out.length >= maxPaths || depth > maxDepth) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (out.length >= maxPaths) return;
      // CEL reads `a.b` only for identifier-like keys; others need `a["b-c"]`.
      const next = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      out.push(next);
      walk(child, next, depth + 1);
    }
  };
  walk(sample, root, 1);
  return out;
}

/** Where an expression is written: which steps ran before it, and inside a forEach, a sample of its `item`. */
export type StepScope = { earlier?: string[]; inForEach?: boolean; item?: unknown };

/**
 * Everything in scope for a step: the trigger's fields, the event (event triggers only),
 * config, `item` and `index` inside a forEach, and earlier steps' outputs. A webhook
 * without a declared sample offers `trigger` itself: its body is the sender's, so any
 * field of it may be read (suggestionLabel says so in the menu).
 */
export function scopeSuggestions(doc: Pick<IntegrationDocument, 'configVars'>, trigger: Trigger, sample: unknown, scope: StepScope = {}): string[] {
  const anyBody = trigger.type === 'webhook' && sample === undefined;
  return [
    ...(anyBody ? ['trigger'] : expressionPaths(sample, 'trigger')),
    ...(trigger.type === 'event' ? ['event.id', 'event.type', 'event.receivedAt'] : []),
    ...(doc.configVars ?? []).map((v) => `config.${v.key}`),
    ...(scope.inForEach ? ['item', ...expressionPaths(scope.item, 'item'), 'index'] : []),
    ...(scope.earlier ?? []).map((id) => `steps.${id}`),
  ];
}

/** How the Insert menu shows a suggestion: the path, or for a webhook's whole body, what it stands for. */
export function suggestionLabel(path: string): string {
  return path === 'trigger' ? 'trigger: any field of the request body (trigger.<field>)' : path;
}
