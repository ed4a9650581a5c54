import type { IntegrationSummary } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';

type Props = { integration: IntegrationSummary; onDeleted: () => void; onCancel: () => void };

/**
 * Deleting an integration removes every instance deployed from it, so the confirmation
 * reads them from the server first and names each one: "Delete?" alone hides what stops.
 */
export function DeleteIntegration({ integration, onDeleted, onCancel }: Props) {
  const detail = useRemote(() => flowsApi.integration(integration.id), [integration.id]);
  const remove = useAction();
  const instances = detail.data?.integration.instances;

  async function confirm() {
    if (await remove.run(() => flowsApi.deleteIntegration(integration.id))) onDeleted();
  }

  return (
    <div class="panel stack" data-testid="integration-delete-confirm" role="group" aria-label="Confirm delete">
      <p>
        Delete <strong>“{integration.name}”</strong> with its versions?
      </p>
      {detail.error && <ErrorState testid="delete-instances-error" message={detail.error} retrying={detail.loading} onRetry={() => void detail.reload()} />}
      {instances === undefined ? (
        !detail.error && <p class="muted small">Looking for its instances…</p>
      ) : instances.length === 0 ? (
        <p class="muted small" data-testid="delete-no-instances">
          It is not deployed anywhere.
        </p>
      ) : (
        <div class="stack" data-testid="delete-instances">
          <p>
            {instances.length === 1 ? 'This instance is removed with it and stops running:' : `These ${instances.length} instances are removed with it and stop running:`}
          </p>
          <ul>
            {instances.map((x) => (
              <li key={x.id} data-testid="delete-instance-name">
                {x.name}
              </li>
            ))}
          </ul>
        </div>
      )}
      {remove.error && (
        <Notice kind="error" testid="integration-delete-error">
          {remove.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button variant="danger" testid="integration-confirm-delete" busy={remove.busy} disabled={instances === undefined} onClick={() => void confirm()}>
          <span class="clip">Delete “{integration.name}”</span>
        </Button>
        <Button testid="integration-cancel-delete" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
