import { outcomeText, runOutcome } from '@/lib/flows/run-outcome';
import type { OutboxItemView } from '@/lib/outbox/types';

const words = { queued: 'Queued', sending: 'Starting…', failed: 'Failed' } as const;

/**
 * Where one run request stands, as text: queued (and why), starting, started (with a
 * link to the run in the Flows page), filtered (with the server's reason), or failed
 * with the server's message.
 */
export function RunState({ item, onOpen }: { item: OutboxItemView | null; onOpen: (runId: string) => void }) {
  const status = item?.status ?? 'queued';
  if (status === 'done') {
    const outcome = runOutcome(item?.result);
    return (
      <p class={`state ${outcome?.kind === 'filtered' ? 'queued' : 'done'}`} data-testid="weft-flow-state" data-status={outcome?.kind ?? 'done'}>
        {outcome ? outcomeText(outcome) : 'Sent.'}
        {outcome?.kind === 'started' && (
          <>
            {' '}
            <button type="button" class="link" data-testid="weft-flow-run-link" onClick={(e) => e.isTrusted && onOpen(outcome.runId)}>
              View run
            </button>
          </>
        )}
      </p>
    );
  }
  return (
    <p class={`state ${status}`} data-testid="weft-flow-state" data-status={status}>
      {words[status]}
      {item?.lastError ? `: ${item.lastError}` : ''}
      {status === 'queued' && item?.lastError ? ' Weft will retry.' : ''}
    </p>
  );
}
