import type { OutboxItemView } from '@/lib/outbox/types';
import { ResultLink } from './ResultLink';

const words = { queued: 'Queued', sending: 'Sending…', done: 'Sent', failed: 'Failed' } as const;

/** Where one submission stands: queued (and why), sending, sent (with what it created), or failed with the reason. Text only. */
export function ActionState({ item }: { item: OutboxItemView | null }) {
  const status = item?.status ?? 'queued';
  return (
    <p class={`state ${status}`} data-testid="weft-action-state" data-status={status}>
      {words[status]}
      {item?.lastError && status !== 'done' ? `: ${item.lastError}` : ''}
      {status === 'queued' && item?.lastError ? ' Weft will retry.' : ''}
      {status === 'done' && <ResultLink result={item?.result} />}
    </p>
  );
}
