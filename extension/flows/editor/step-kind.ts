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

/** A new step of a kind, with an id not yet used in its flow (`taken`: every id in it, nested ones included). */
export function newStep(kind: StepKind, taken: string[], connection: string | undefined): Step {
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
    // One case without `if`, which always matches: the author adds the conditions.
    case 'branch':
      return { id, branch: [{ steps: [] }] };
    // An empty list: the author writes what to loop over.
    case 'forEach':
      return { id, forEach: { items: '[]', steps: [] } };
  }
}
