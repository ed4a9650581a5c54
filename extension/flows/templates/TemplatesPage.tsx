import { useState } from 'preact/hooks';
import type { Template } from '@@/shared/protocol/flows';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { filterIntegrations } from '../search';
import { TemplateCard } from './TemplateCard';

/** The gallery: Weft's built-in templates, then the workspace's own; each installs in a few clicks. */
export function TemplatesPage() {
  const { data, error, loading, reload } = useRemote(() => flowsApi.templates(), []);
  const [query, setQuery] = useState('');
  const shown = data && filterIntegrations<Template>(data.templates, query);
  return (
    <section class="section stack" data-testid="templates" aria-busy={loading}>
      <h2>Templates</h2>
      <p class="muted">Installing one makes it your integration (version 1, yours to edit) and deploys it: it asks only for connections and config values.</p>
      <input type="search" class="search" placeholder="Search templates" aria-label="Search templates" data-testid="template-search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {error && <ErrorState testid="templates-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {shown === undefined ? (
        !error && <Skeleton testid="templates-loading" label="Loading templates" rows={3} />
      ) : shown.length === 0 ? (
        <p class="muted" data-testid="templates-empty">
          {query ? `Nothing matches “${query}”.` : 'No templates.'}
        </p>
      ) : (
        <ul class="list" data-testid="template-list">
          {shown.map((t) => (
            <TemplateCard key={t.id} template={t} />
          ))}
        </ul>
      )}
    </section>
  );
}
