import type { IntegrationDocument } from '@@/shared/flows/document';

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

/** Everything in scope for a step: the trigger's fields, the event, config and earlier steps' outputs. */
export function scopeSuggestions(doc: Pick<IntegrationDocument, 'configVars'>, sample: unknown, earlierStepIds: string[], isEvent: boolean): string[] {
  return [
    ...expressionPaths(sample, 'trigger'),
    ...(isEvent ? ['event.id', 'event.type', 'event.receivedAt'] : []),
    ...(doc.configVars ?? []).map((v) => `config.${v.key}`),
    ...earlierStepIds.map((id) => `steps.${id}`),
  ];
}
