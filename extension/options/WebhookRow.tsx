import { useState } from 'preact/hooks';
import type { WebhookEndpoint } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { CopyButton } from '@/components/CopyButton';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { relativeTime } from '@/lib/relative-time';

type Props = { endpoint: WebhookEndpoint; onDeleted: (id: string) => void };

/** One endpoint: name, URL, signed or not; deleting asks first, naming it. */
export function WebhookRow({ endpoint: w, onDeleted }: Props) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction();

  async function confirm() {
    const answer = await remove.run(() => api.deleteWebhook(w.id));
    if (answer) onDeleted(w.id);
  }

  return (
    <li class="card stack webhook" data-testid="webhook-row" data-webhook-id={w.id}>
      <div class="row-head">
        <span class="webhook-name" data-testid="webhook-row-name">
          {w.name}
        </span>
        <span class={`badge ${w.signed ? 'active' : 'expired'}`} data-testid="webhook-row-signed" data-signed={String(w.signed)}>
          {w.signed ? 'Signed' : 'Unsigned'}
        </span>
      </div>
      <div class="copy-line">
        <code class="secret-text" data-testid="webhook-row-url">
          {w.url}
        </code>
        <CopyButton text={w.url} testid="webhook-row-copy" />
      </div>
      <div class="row-head">
        <span class="muted small">Created {relativeTime(w.createdAt)}</span>
        {!confirming && (
          <Button variant="link" testid="webhook-delete" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </div>
      {confirming && (
        <div class="panel stack" data-testid="webhook-delete-confirm" role="group" aria-label="Confirm delete">
          <p>
            Delete <strong>“{w.name}”</strong>? Its URL stops accepting requests at once; senders get an error.
          </p>
          {remove.error && (
            <Notice kind="error" testid="webhook-delete-error">
              {remove.error}
            </Notice>
          )}
          <div class="panel-actions">
            <Button variant="danger" testid="webhook-confirm-delete" busy={remove.busy} onClick={() => void confirm()}>
              <span class="clip">Delete “{w.name}”</span>
            </Button>
            <Button testid="webhook-cancel-delete" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
