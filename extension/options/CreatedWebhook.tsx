import type { CreatedWebhookEndpoint } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { CopyButton } from '@/components/CopyButton';

type Props = { endpoint: CreatedWebhookEndpoint; onDone: () => void };

/**
 * The new endpoint's URL and signing secret. The secret is in this component's state only:
 * the server sends it once, and nothing here stores it.
 */
export function CreatedWebhook({ endpoint, onDone }: Props) {
  return (
    <div class="created stack" data-testid="webhook-created" role="region" aria-label={`New webhook ${endpoint.name}`}>
      <p>
        <strong>“{endpoint.name}” is ready.</strong> Send JSON with <span class="mono">POST</span> to:
      </p>
      <div class="copy-line">
        <code class="secret-text" data-testid="webhook-url">
          {endpoint.url}
        </code>
        <CopyButton text={endpoint.url} testid="webhook-copy-url" />
      </div>
      {endpoint.secret ? (
        <>
          <p class="warning" data-testid="webhook-secret-warning">
            Copy the signing secret now. It is shown only this once: Weft cannot show it again. Lost it? Delete the
            webhook and create another.
          </p>
          <div class="copy-line">
            <code class="secret-text" data-testid="webhook-secret">
              {endpoint.secret}
            </code>
            <CopyButton text={endpoint.secret} testid="webhook-copy-secret" />
          </div>
          <p class="hint">
            Sign each request the Standard Webhooks way (headers <span class="mono">webhook-id</span>,{' '}
            <span class="mono">webhook-timestamp</span>, <span class="mono">webhook-signature</span>); unsigned or
            wrongly signed requests are rejected.
          </p>
        </>
      ) : (
        <p class="warning" data-testid="webhook-unsigned-warning">
          Unsigned: anyone who knows this URL can send events. Keep it private.
        </p>
      )}
      <div>
        <Button variant="primary" testid="webhook-created-done" onClick={onDone}>
          {endpoint.secret ? 'I have copied the secret' : 'Done'}
        </Button>
      </div>
    </div>
  );
}
