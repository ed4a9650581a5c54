import type { ConfigVar, Step } from '@@/shared/flows/document';
import { evaluate, type FlowScope } from '@@/shared/flows/expressions';

/**
 * The step ids a later step can read as `steps.<id>` once `steps` have run: each step, and
 * inside a branch the steps of its cases (one of them ran). Not the steps inside a forEach:
 * a run keeps those per item, and after the loop no single item's output is `steps.<id>`.
 *
 * @example finishedIds([{ id: 'a', delay: '1m' }, { id: 'pick', branch: [{ steps: [{ id: 'b', delay: '1m' }] }] }]) // ['a', 'pick', 'b']
 */
export function finishedIds(steps: Step[]): string[] {
  return steps.flatMap((s) => [s.id, ...('branch' in s ? s.branch.flatMap((c) => finishedIds(c.steps)) : [])]);
}

/** Every step id of a list, nested ones included: a new step's id must be none of them. */
export function allIds(steps: Step[]): string[] {
  return steps.flatMap((s) => [s.id, ...('branch' in s ? s.branch.flatMap((c) => allIds(c.steps)) : 'forEach' in s ? allIds(s.forEach.steps) : [])]);
}

/** Config defaults, by key: what a sample scope knows of `config`. */
export function configDefaults(configVars: ConfigVar[]): Record<string, unknown> {
  return Object.fromEntries(configVars.flatMap((v) => ('default' in v && v.default !== undefined ? [[v.key, v.default]] : [])));
}

/**
 * A sample of the `item` a forEach's steps see: the first element of what `items` gives on
 * the trigger's sample (the enclosing loop's item in scope), or undefined when that cannot
 * be known (it reads a step's output, the sample lacks the path, the list is empty).
 */
export function itemSample(items: string, scope: { trigger: unknown; config: Record<string, unknown>; item?: unknown }): unknown {
  if (scope.trigger === undefined) return undefined;
  try {
    const list = evaluate(items, { trigger: scope.trigger, config: scope.config, steps: {}, ...(scope.item !== undefined ? { item: scope.item, index: 0 } : {}) } as FlowScope);
    return Array.isArray(list) && list.length > 0 ? list[0] : undefined;
  } catch {
    return undefined;
  }
}
