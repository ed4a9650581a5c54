import { useState } from 'preact/hooks';
import type { IntegrationSummary } from '@@/shared/protocol/flows';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { CreateIntegration } from './CreateIntegration';
import { IntegrationRow } from './IntegrationRow';
import { useDebounced } from './use-debounced';

/** How long the search box waits for typing to pause before it asks the server. */
export const SEARCH_PAUSE_MS = 250;

type Listed = { integrations: IntegrationSummary[] };

/**
 * The caller's integrations; new, import, fork and delete. The search (words, a label, a
 * category) is the server's (`GET /api/integrations?q=&label=&category=`), asked once
 * typing pauses; of answers that cross, the one to the latest search is shown. The
 * unfiltered list gives the label and category choices, and says when there is nothing yet.
 */
export function IntegrationsPage() {
  const [typed, setTyped] = useState('');
  const [label, setLabel] = useState('');
  const [category, setCategory] = useState('');
  const q = useDebounced(typed.trim(), SEARCH_PAUSE_MS);
  const searching = q !== '' || label !== '' || category !== '';

  const all = useRemote(() => flowsApi.integrations(), []);
  const found = useRemote<Listed | undefined>(() => (searching ? flowsApi.integrations({ q, label, category }) : Promise.resolve(undefined)), [q, label, category]);
  const everything = all.data?.integrations;
  const shown = searching ? found.data?.integrations : everything;
  const error = all.error ?? (searching ? found.error : null);

  function deleted(id: string) {
    const without = (current: Listed | undefined) => current && { integrations: current.integrations.filter((i) => i.id !== id) };
    all.setData(without);
    found.setData(without);
  }

  const labels = choices(everything?.flatMap((i) => i.labels) ?? [], label);
  const categories = choices(everything?.flatMap((i) => (i.category ? [i.category] : [])) ?? [], category);

  return (
    <section class="section stack" data-testid="integrations" aria-busy={all.loading || (searching && found.loading)}>
      <div class="row-head">
        <h2>Integrations</h2>
        <CreateIntegration />
      </div>
      <p class="muted">Each integration groups flows: a trigger and the steps that follow it. Publish a version, then deploy it with your connections.</p>
      <div class="row search-row">
        <input
          type="search"
          class="search"
          placeholder="Search by name, description, category or label"
          aria-label="Search integrations"
          data-testid="integration-search"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <select aria-label="Label" data-testid="integration-label" value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
          <option value="">Any label</option>
          {labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <select aria-label="Category" data-testid="integration-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          <option value="">Any category</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorState testid="integrations-error" message={error} retrying={all.loading || found.loading} onRetry={() => void (all.error ? all.reload() : found.reload())} />}
      {shown === undefined || everything === undefined ? (
        !error && <Skeleton testid="integrations-loading" label="Loading integrations" rows={2} />
      ) : everything.length === 0 ? (
        <p class="muted" data-testid="integrations-empty">
          No integrations yet. Start from a blank one, import a YAML file, or install a template.
        </p>
      ) : shown.length === 0 ? (
        <p class="muted" data-testid="integrations-no-match">
          {noMatch(q, label, category)}
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

/** A filter's choices: each value once, sorted, with the chosen one kept even when no integration has it any more. */
function choices(values: string[], chosen: string): string[] {
  return [...new Set([...values, ...(chosen ? [chosen] : [])])].sort((a, b) => a.localeCompare(b));
}

/** What was searched, in words: `No integration matches “slack” labelled “ops” in Sales.` */
export function noMatch(q: string, label: string, category: string): string {
  const parts = [q && ` “${q}”`, label && ` labelled “${label}”`, category && ` in the category “${category}”`].join('');
  return `No integration matches${parts}.`;
}
