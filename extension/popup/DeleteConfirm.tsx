import type { Connection } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { forgetConnection } from '@/lib/cache';

type Props = {
  connection: Connection;
  providerName: string;
  /** The server's account of what happened (deleted; revoked at the provider or not). */
  onDeleted: (message: string) => void;
  onCancel: () => void;
};

/** Names the connection, because "Delete?" next to five similar rows invites mistakes. */
export function DeleteConfirm({ connection, providerName, onDeleted, onCancel }: Props) {
  const remove = useAction();

  async function confirm() {
    const answer = await remove.run(() => api.deleteConnection(connection.id));
    if (!answer) return;
    onDeleted(answer.message);
    await forgetConnection(connection.id);
  }

  return (
    <div class="panel stack" data-testid="delete-confirm" role="group" aria-label="Confirm delete">
      <p>
        Delete <strong>“{connection.name}”</strong>? Weft stops using it and asks {providerName} to revoke its access.
      </p>
      {remove.error && (
        <Notice kind="error" testid="form-error">
          {remove.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button variant="danger" testid="confirm-delete" busy={remove.busy} onClick={() => void confirm()}>
          <span class="clip">Delete “{connection.name}”</span>
        </Button>
        <Button testid="cancel-delete" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
