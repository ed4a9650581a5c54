import { Button } from '@/components/Button';
import { useAction } from '@/hooks/use-action';
import { nextTry } from '@/lib/outbox/next-try';
import type { OutboxItem as Item } from '@/lib/outbox/types';
import { sendToBackground } from '@/lib/messaging/to-background';

const statusText = { queued: 'Waiting', sending: 'Sending…', failed: 'Failed', done: 'Sent' } as const;

/** One action not yet answered for good: what, why it waits or failed, and when it goes next. All text. */
export function OutboxItem({ item, now }: { item: Item; now: number }) {
  const retry = useAction();
  const remove = useAction();
  return (
    <li class="card outbox-item" data-testid="outbox-item" data-status={item.status} data-id={item.id}>
      <div class="row-head">
        <span class="outbox-label" data-testid="outbox-label" title={item.label}>
          {item.label}
        </span>
        <span class={`badge ${item.status === 'failed' ? 'error' : 'expired'}`}>{statusText[item.status]}</span>
      </div>
      {item.lastError && (
        <p class={`reason ${item.status === 'failed' ? 'error' : 'expired'}`} data-testid="outbox-reason">
          {item.lastError}
        </p>
      )}
      <p class="meta">
        {item.attempts === 0 ? 'not sent yet' : `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`}
        {item.status === 'queued' && item.nextAttemptAt !== null && ` · ${nextTry(item.nextAttemptAt, now)}`}
      </p>
      {item.status !== 'sending' && (
        <div class="actions">
          <Button testid="outbox-retry" variant="link" busy={retry.busy} onClick={() => void retry.run(() => sendToBackground('retryOutboxItem', item.id))}>
            Retry now
          </Button>
          <Button testid="outbox-discard" variant="link" busy={remove.busy} onClick={() => void remove.run(() => sendToBackground('discardOutboxItem', item.id))}>
            Discard
          </Button>
        </div>
      )}
      {(retry.error || remove.error) && <p class="result bad">{retry.error ?? remove.error}</p>}
    </li>
  );
}
