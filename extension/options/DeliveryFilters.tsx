import { deliveryStatuses, type DeliveryStatus } from '@@/shared/protocol';
import type { DeliveryFilters as Filters } from './use-deliveries';

/** The providers that send webhooks today; any other seen in the log is added. */
const webhookProviders = ['github', 'hubspot', 'slack', 'custom'];

type Props = { filters: Filters; seen: readonly string[]; nameOf: (id: string) => string; onChange: (filters: Filters) => void };

export function DeliveryFilters({ filters, seen, nameOf, onChange }: Props) {
  const providers = [...new Set([...webhookProviders, ...seen, ...(filters.provider ? [filters.provider] : [])])];
  return (
    <div class="filters">
      <label>
        <span class="filter-label">Provider</span>
        <select
          data-testid="delivery-filter-provider"
          value={filters.provider}
          onChange={(e) => onChange({ ...filters, provider: e.currentTarget.value })}
        >
          <option value="">All providers</option>
          {providers.map((id) => (
            <option key={id} value={id}>
              {nameOf(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="filter-label">Status</span>
        <select
          data-testid="delivery-filter-status"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.currentTarget.value as DeliveryStatus | '' })}
        >
          <option value="">All statuses</option>
          {deliveryStatuses.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
