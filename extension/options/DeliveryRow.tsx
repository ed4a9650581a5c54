import { useState } from 'preact/hooks';
import type { Delivery } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { relativeTime } from '@/lib/relative-time';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';

type Props = {
  delivery: Delivery;
  providerName: string;
  /** A custom endpoint's name, when it still exists. */
  endpointName: string | undefined;
  onReplayed: (delivery: Delivery) => void;
};

/** One request the server received: two table rows (the facts, then the body), one tbody. */
export function DeliveryRow({ delivery: d, providerName, endpointName, onReplayed }: Props) {
  const replay = useAction();
  const [result, setResult] = useState<string | null>(null);

  async function runReplay() {
    setResult(null);
    const answer = await replay.run(() => api.replayDelivery(d.id));
    if (!answer) return;
    // Null when the replay reached none of this user's workspaces: there is no row of it to show.
    if (answer.delivery) onReplayed(answer.delivery);
    setResult(answer.events === 1 ? 'Replayed: 1 event.' : `Replayed: ${answer.events} events.`);
  }

  return (
    <tbody class="delivery" data-testid="delivery-row" data-status={d.status} data-delivery-id={d.id}>
      <tr>
        <td class="nowrap">
          <time dateTime={d.receivedAt} title={new Date(d.receivedAt).toLocaleString()}>
            {relativeTime(d.receivedAt)}
          </time>
        </td>
        <td>{providerName}</td>
        <td class="event-cell">
          {d.endpointId ? (
            <span title={d.eventType}>{endpointName ? `“${endpointName}”` : <span class="muted">deleted endpoint</span>}</span>
          ) : (
            <span class="mono">{breakable(d.eventType)}</span>
          )}
          {d.eventCount > 1 && <span class="muted"> ×{d.eventCount}</span>}
        </td>
        <td>
          <DeliveryStatusBadge status={d.status} />
          {d.reason && (
            <p class="reason-text" data-testid="delivery-reason">
              {d.reason}
            </p>
          )}
        </td>
        <td class="actions-cell">
          {/* A rejected delivery keeps no body (see server/hooks/rejections.ts): nothing to run again. */}
          {d.status !== 'rejected' && (
            <Button variant="link" testid="delivery-replay" busy={replay.busy} onClick={() => void runReplay()} title="Run this delivery through intake again">
              Replay
            </Button>
          )}
        </td>
      </tr>
      <tr class="body-row">
        <td colSpan={5}>
          <details>
            <summary>Body</summary>
            <pre class="body-preview" data-testid="delivery-body">
              {d.bodyPreview || '(empty)'}
            </pre>
          </details>
          {result && (
            <p class="result ok" data-testid="delivery-replay-result" role="status">
              {result}
            </p>
          )}
          {replay.error && (
            <p class="result bad" data-testid="delivery-replay-error" role="alert">
              {replay.error}
            </p>
          )}
        </td>
      </tr>
    </tbody>
  );
}

/** `deal.propertyChange` may wrap after a dot, not in the middle of a word. */
function breakable(type: string) {
  return type.split('.').map((part, i) => (i === 0 ? part : [<wbr key={i} />, `.${part}`]));
}
