import type { Step } from '@@/shared/flows/document';

export type StepKind = 'action' | 'http' | 'webhook' | 'delay' | 'branch' | 'forEach';

/** Which kind a step is, from the key that carries its body. */
export function stepKind(step: Step): StepKind {
  if ('action' in step) return 'action';
  if ('http' in step) return 'http';
  if ('webhook' in step) return 'webhook';
  if ('delay' in step) return 'delay';
  if ('branch' in step) return 'branch';
  return 'forEach';
}

/** The ids a step's input may read as `steps.<id>`: those before it in its flow. */
export function stepIdsBefore(steps: Step[], index: number): string[] {
  return steps.slice(0, index).map((s) => s.id);
}

/** A new step of a kind, with an id not yet used in its flow. */
export function newStep(kind: Exclude<StepKind, 'branch' | 'forEach'>, taken: string[], connection: string | undefined): Step {
  let n = taken.length + 1;
  while (taken.includes(`step${n}`)) n++;
  const id = `step${n}`;
  switch (kind) {
    case 'action':
      return { id, action: 'slack.post_message', connection: connection ?? 'slack', input: {} };
    case 'http':
      return { id, http: { method: 'POST', url: 'https://example.com/hook' } };
    case 'webhook':
      return { id, webhook: { url: 'https://example.com/hook', body: {} } };
    case 'delay':
      return { id, delay: '5m' };
  }
}
