import type { ConnectionStatus } from '@@/shared/protocol';

const labels: Record<ConnectionStatus, string> = { active: 'Active', expired: 'Expired', error: 'Error' };

/** Green, amber or red; the reason text is rendered by the row, under the name. */
export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span class={`badge ${status}`} data-testid="status-badge" data-status={status}>
      {labels[status] ?? status}
    </span>
  );
}
