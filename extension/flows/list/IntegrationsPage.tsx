import { useMemo, useState } from 'preact/hooks';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { filterIntegrations } from '../search';
import { CreateIntegration } from './CreateIntegration';
import { IntegrationRow } from './IntegrationRow';

/** The caller's integrations, searched as they type; new, import, fork and delete. */
export function IntegrationsPage() {
  const { data, setData, error, loading, reload } = useRemote(() => flowsApi.integrations(), []);
  const [query, setQuery] = useState('');
  const all = data?.integrations;
  const shown = useMemo(() => (all ? filterIntegrations(all, query) : undefined), [all, query]);

  function deleted(id: string) {
    setData((current) => current && { integrations: current.integrations.filter((i) => i.id !== id) });
  }

  return (
    <section class="section stack" data-testid="integrations" aria-busy={loading}>
      <div class="row-head">
        <h2>Integrations</h2>
        <CreateIntegration />
      </div>
      <p class="muted">Each integration groups flows: a trigger and the steps that follow it. Publish a version, then deploy it with your connections.</p>
      <input
        type="search"
        class="search"
        placeholder="Search by name, description, category or label"
        aria-label="Search integrations"
        data-testid="integration-search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {error && <ErrorState testid="integrations-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {shown === undefined ? (
        !error && <Skeleton testid="integrations-loading" label="Loading integrations" rows={2} />
      ) : all!.length === 0 ? (
        <p class="muted" data-testid="integrations-empty">
          No integrations yet. Start from a blank one, import a YAML file, or install a template.
        </p>
      ) : shown.length === 0 ? (
        <p class="muted" data-testid="integrations-no-match">
          Nothing matches “{query}”.
        </p>
      ) : (
        <ul class="list" data-testid="integration-list">
          {shown.map((i) => (
            <IntegrationRow key={i.id} integration={i} onDeleted={deleted} />
          ))}
        </ul>
      )}
    </section>
  );
}
