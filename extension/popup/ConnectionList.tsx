import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Notice } from '@/components/Notice';
import { Skeleton } from '@/components/Skeleton';
import { ConnectionRow } from './ConnectionRow';
import type { Catalog } from './use-catalog';
import type { ConnectionsState } from './use-connections';

type Props = {
  catalog: Catalog;
  state: ConnectionsState;
  /** A success message from the last action that removed or added a row. */
  notice: string | null;
  onNotice: (message: string | null) => void;
  onAdd: () => void;
};

export function ConnectionList({ catalog, state, notice, onNotice, onAdd }: Props) {
  const { connections, checked, error, retrying, retry } = state;
  // Skeleton only while there is nothing to show: a cached list is shown at once.
  const loading = connections === undefined || (!checked && connections.length === 0);
  const empty = !loading && !error && connections.length === 0;

  return (
    <section class="stack" aria-busy={loading}>
      <div class="section-head">
        <h2>Connections</h2>
        {!empty && (
          <Button variant="primary" testid="add-connection" onClick={onAdd}>
            Add connection
          </Button>
        )}
      </div>
      {notice && (
        <Notice kind="ok" testid="list-notice" onDismiss={() => onNotice(null)}>
          {notice}
        </Notice>
      )}
      {error && (
        <ErrorState testid="connections-error" message={error} retrying={retrying} onRetry={() => void retry()} />
      )}
      {loading ? (
        <Skeleton testid="connections-loading" label="Loading connections" />
      ) : empty ? (
        <div class="empty-state" data-testid="connections-empty">
          <p class="empty-title">No connections yet</p>
          <p class="muted">Connect GitHub, your CRM or chat to use them from any page.</p>
          <Button variant="primary" testid="add-connection" onClick={onAdd}>
            Add connection
          </Button>
        </div>
      ) : (
        <ul class="list" data-testid="connection-list">
          {connections.map((c) => (
            <ConnectionRow key={c.id} connection={c} provider={catalog.byId.get(c.provider)} onNotice={onNotice} />
          ))}
        </ul>
      )}
    </section>
  );
}
