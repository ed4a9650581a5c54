import { Button } from '@/components/Button';
import { useNow } from '@/hooks/use-now';
import { useStorageItem } from '@/hooks/use-storage-item';
import { sendToBackground } from '@/lib/messaging/to-background';
import { pushStatus, type PushState } from '@/lib/settings';

const labels: Record<PushState, string> = { live: 'Live', connecting: 'Reconnecting…', offline: 'Offline' };

/** "Live" while the background holds the event socket; otherwise why not, and a way to retry. */
export function PushStatus() {
  const status = useStorageItem(pushStatus);
  const waiting = status?.state === 'connecting' && status.retryAt !== null;
  const now = useNow(1_000, waiting);
  if (!status) return null;
  const seconds = waiting ? Math.max(0, Math.ceil((status.retryAt! - now) / 1000)) : 0;
  return (
    <span class={`push ${status.state}`} data-testid="push-status" data-state={status.state} title={status.error ?? undefined}>
      <span class="dot" aria-hidden="true" />
      {labels[status.state]}
      {seconds > 0 && <span class="muted"> {seconds} s</span>}
    </span>
  );
}

/** Under the heading while not live: what went wrong, and "Retry now". */
export function PushProblem() {
  const status = useStorageItem(pushStatus);
  if (!status || status.state === 'live' || !status.error) return null;
  return (
    <p class="push-line muted" data-testid="push-error">
      {status.error}{' '}
      <Button variant="link" testid="push-retry" onClick={() => void sendToBackground('reconnectPush').catch(() => undefined)}>
        Retry now
      </Button>
    </p>
  );
}
