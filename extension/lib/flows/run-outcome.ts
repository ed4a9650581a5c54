import type { RunOutcome } from './types';

/**
 * What a run request came to, from the server's answer as the outbox keeps it
 * (`{run}` or `{filtered}`, read with the protocol's schema when it arrived); null for
 * anything else. Free of libraries: the overlays show it.
 *
 * @example runOutcome({ run: { id: 'run_1', … } }) // {kind: 'started', runId: 'run_1'}
 * @example runOutcome({ filtered: 'filtered: trigger.number > 100 is false' }) // {kind: 'filtered', reason: 'trigger.number > 100 is false'}
 */
export function runOutcome(result: unknown): RunOutcome | null {
  if (typeof result !== 'object' || result === null) return null;
  const { run, filtered } = result as { run?: { id?: unknown }; filtered?: unknown };
  if (typeof run?.id === 'string') return { kind: 'started', runId: run.id };
  if (typeof filtered === 'string') return { kind: 'filtered', reason: filtered.replace(/^filtered:\s*/i, '') || 'its condition was false' };
  return null;
}

/** The outcome as one line of text: "Run started." / "Not run: <why>". */
export function outcomeText(outcome: RunOutcome): string {
  return outcome.kind === 'started' ? 'Run started.' : `Not run (filtered): ${outcome.reason}`;
}
