import { useState } from 'preact/hooks';
import type { Connection, InstanceRef } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { ApiError } from '@/lib/api-error';
import { forgetConnection } from '@/lib/cache';

type Props = {
  connection: Connection;
  providerName: string;
  /** The server's account of what happened (deleted; revoked at the provider or not). */
  onDeleted: (message: string) => void;
  onCancel: () => void;
};

/**
 * Names the connection, because "Delete?" next to five similar rows invites mistakes. One
 * that flows use is not deleted at the first confirm: the server names those flows, they
 * are listed here, and only a second, explicit confirm deletes it (and pauses them).
 */
export function DeleteConfirm({ connection, providerName, onDeleted, onCancel }: Props) {
  const remove = useAction();
  const [usedBy, setUsedBy] = useState<InstanceRef[] | null>(null);

  async function confirm() {
    const answer = await remove.run(async () => {
      try {
        return await api.deleteConnection(connection.id, { force: usedBy !== null });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'connection_in_use' && err.detail?.instances) {
          setUsedBy(err.detail.instances);
          return undefined;
        }
        throw err;
      }
    });
    if (!answer) return;
    onDeleted(answer.message);
    await forgetConnection(connection.id);
  }

  return (
    <div class="panel stack" data-testid="delete-confirm" role="group" aria-label="Confirm delete">
      <p>
        Delete <strong>“{connection.name}”</strong>? Weft stops using it and asks {providerName} to revoke its access.
      </p>
      {usedBy && (
        <Notice kind="warn" testid="delete-used-by">
          <p>{usedByText(usedBy)}</p>
          <ul>
            {usedBy.map((instance) => (
              <li key={instance.id} data-testid="delete-used-by-name">
                {instance.name}
                {instance.alertOnly && <span class="muted"> (its failure alert only)</span>}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {remove.error && (
        <Notice kind="error" testid="form-error">
          {remove.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button variant="danger" testid="confirm-delete" busy={remove.busy} onClick={() => void confirm()}>
          <span class="clip">{usedBy ? confirmLabel(usedBy) : `Delete “${connection.name}”`}</span>
        </Button>
        <Button testid="cancel-delete" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

const pausedBy = (usedBy: InstanceRef[]) => usedBy.filter((i) => !i.alertOnly).length;

/** What the delete does to the flows that use the connection: those that run on it pause; an alert posted with it is turned off. */
function usedByText(usedBy: InstanceRef[]): string {
  const who = usedBy.length === 1 ? 'A flow uses it' : `${usedBy.length} flows use it`;
  const paused = pausedBy(usedBy);
  const alerts = usedBy.length - paused;
  const effects = [
    paused > 0 ? `pauses ${paused === usedBy.length ? (paused === 1 ? 'it' : 'them') : paused === 1 ? 'one' : paused} until you choose another connection` : '',
    alerts > 0 ? `turns off ${alerts === 1 ? 'a failure alert' : `${alerts} failure alerts`}` : '',
  ].filter(Boolean);
  return `${who}; deleting it ${effects.join(' and ')}:`;
}

function confirmLabel(usedBy: InstanceRef[]): string {
  const paused = pausedBy(usedBy);
  if (paused === 0) return usedBy.length === 1 ? 'Delete and turn off the alert' : 'Delete and turn off the alerts';
  return `Delete and pause ${paused === 1 ? 'the flow' : `${paused} flows`}`;
}
