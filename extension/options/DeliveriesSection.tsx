import { useState } from 'preact/hooks';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { useLiveQuery } from '@/hooks/use-live-query';
import { db } from '@/lib/db';
import { providerLabel } from '@/lib/provider-label';
import { DeliveryFilters } from './DeliveryFilters';
import { DeliveryRow } from './DeliveryRow';
import { useDeliveries, type DeliveryFilters as Filters } from './use-deliveries';

/** Every webhook request the server received, accepted or not, with why; replayable. */
export function DeliveriesSection({ endpointName }: { endpointName: (id: string | null) => string | undefined }) {
  const [filters, setFilters] = useState<Filters>({ provider: '', status: '' });
  const { deliveries, hasOlder, loadOlder, loadingOlder, olderError, notLogged, error, loading, reload, replace } = useDeliveries(filters);
  const providers = useLiveQuery(() => db.providers.toArray());
  const nameOf = (id: string) => providerLabel(id, providers?.find((p) => p.id === id)?.name);
  const filtered = filters.provider !== '' || filters.status !== '';
  const seen = [...new Set((deliveries ?? []).map((d) => d.provider))];

  return (
    <section class="section stack" data-testid="deliveries" aria-busy={loading}>
      <div class="section-head">
        <h2>Webhook deliveries</h2>
        <Button variant="link" testid="deliveries-refresh" busy={loading && deliveries !== undefined} onClick={() => void reload()}>
          Refresh
        </Button>
      </div>
      <DeliveryFilters filters={filters} seen={seen} nameOf={nameOf} onChange={setFilters} />
      {notLogged && (
        <p class="muted" data-testid="deliveries-not-logged">
          {notLogged.message}
        </p>
      )}
      {error && <ErrorState testid="deliveries-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {deliveries === undefined ? (
        !error && <Skeleton testid="deliveries-loading" label="Loading deliveries" rows={3} />
      ) : deliveries.length === 0 ? (
        <div class="empty-state" data-testid="deliveries-empty">
          {filtered ? (
            <p class="muted">No delivery matches these filters.</p>
          ) : (
            <>
              <p class="empty-title">No deliveries yet</p>
              <p class="muted">Each request GitHub, HubSpot, Slack or a custom webhook sends to your server shows up here, accepted or not.</p>
            </>
          )}
        </div>
      ) : (
        <div class="table-wrap">
          <table class="deliveries">
            <thead>
              <tr>
                <th>Received</th>
                <th>Provider</th>
                <th>Event</th>
                <th>Status</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            {deliveries.map((d) => (
              <DeliveryRow
                key={d.id}
                delivery={d}
                providerName={nameOf(d.provider)}
                endpointName={endpointName(d.endpointId)}
                onReplayed={replace}
              />
            ))}
          </table>
        </div>
      )}
      {deliveries !== undefined && hasOlder && (
        <div class="load-older">
          <Button testid="deliveries-load-older" busy={loadingOlder} onClick={() => void loadOlder()}>
            Load older
          </Button>
          {olderError && (
            <p class="result bad" data-testid="deliveries-load-older-error" role="alert">
              {olderError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
