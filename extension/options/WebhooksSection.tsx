import { useState } from 'preact/hooks';
import type { CreatedWebhookEndpoint } from '@@/shared/protocol';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { CreatedWebhook } from './CreatedWebhook';
import { WebhookCreateForm } from './WebhookCreateForm';
import { WebhookRow } from './WebhookRow';
import type { Webhooks } from './use-webhooks';

/** URLs any service can POST to; each request becomes a `custom.<id>` event. */
export function WebhooksSection({ webhooks }: { webhooks: Webhooks }) {
  const { endpoints, error, loading, reload } = webhooks;
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);

  function added(endpoint: CreatedWebhookEndpoint) {
    setCreated(endpoint);
    const { secret: _secret, ...listed } = endpoint;
    webhooks.added(listed);
  }

  function deleted(id: string) {
    if (created?.id === id) setCreated(null);
    webhooks.deleted(id);
  }

  return (
    <section class="section stack" data-testid="webhooks" aria-busy={loading}>
      <h2>Custom webhooks</h2>
      <p class="muted">
        A URL for any service that can send a webhook. Each request becomes an event: it shows in the activity list
        and can notify you.
      </p>
      <WebhookCreateForm onCreated={added} />
      {created && <CreatedWebhook endpoint={created} onDone={() => setCreated(null)} />}
      {error && <ErrorState testid="webhooks-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {endpoints === undefined ? (
        !error && <Skeleton testid="webhooks-loading" label="Loading webhooks" rows={1} />
      ) : endpoints.length === 0 ? (
        <p class="muted" data-testid="webhooks-empty">
          No custom webhooks yet.
        </p>
      ) : (
        <ul class="list" data-testid="webhook-list">
          {endpoints.map((e) => (
            <WebhookRow key={e.id} endpoint={e} onDeleted={deleted} />
          ))}
        </ul>
      )}
    </section>
  );
}
