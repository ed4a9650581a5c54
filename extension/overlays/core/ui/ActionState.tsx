import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OutboxItemView } from '@/lib/outbox/types';
import { background, watchOutboxItem } from '../background';

const words = { queued: 'Queued', sending: 'Sending…', done: 'Sent', failed: 'Failed' } as const;

/** Where one enqueued action stands: queued (and why), sending, sent, or failed with the reason. Text only. */
export function ActionState({ id, done }: { id: string; done?: (result: unknown) => ComponentChildren }) {
  const [item, setItem] = useState<OutboxItemView | null>(null);
  useEffect(() => {
    const stop = watchOutboxItem(id, setItem);
    // In case it changed before this listened.
    void background.outboxItems([id]).then(([current]) => current && setItem((seen) => seen ?? current), () => undefined);
    return stop;
  }, [id]);
  const status = item?.status ?? 'queued';
  return (
    <p class={`state ${status}`} data-testid="weft-action-state" data-status={status}>
      {words[status]}
      {item?.lastError && status !== 'done' ? `: ${item.lastError}` : ''}
      {status === 'queued' && item?.lastError ? ' Weft will retry.' : ''}
      {status === 'done' && done ? <> · {done(item?.result)}</> : null}
    </p>
  );
}
