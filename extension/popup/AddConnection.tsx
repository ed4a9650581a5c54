import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Connection } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { filterCatalog, groupByCategory, splitByReadiness } from '@/lib/catalog';
import { MoreProviders } from './MoreProviders';
import { ProviderCard } from './ProviderCard';
import type { Catalog } from './use-catalog';

type Props = { catalog: Catalog; onBack: () => void; onAdded: (connection: Connection) => void };

/**
 * The catalog, filtered as the user types: first what this server can connect now,
 * grouped by category; then, collapsed, the providers an admin has to set up first.
 */
export function AddConnection({ catalog, onBack, onAdded }: Props) {
  const [query, setQuery] = useState('');
  const providers = catalog.providers;
  const { groups, needsSetup } = useMemo(() => {
    const split = splitByReadiness(filterCatalog(providers ?? [], query));
    return { groups: groupByCategory(split.ready), needsSetup: split.needsSetup };
  }, [providers, query]);
  const loading = providers === undefined || (!catalog.checked && providers.length === 0);
  // Fresh when browsing: the server's configuration may have changed since the popup opened.
  const { refresh } = catalog;
  useEffect(() => void refresh(), [refresh]);
  const nothing = !loading && groups.length === 0 && needsSetup.length === 0 && providers.length > 0;

  return (
    <section class="stack" data-testid="add-view">
      <div class="section-head back">
        <Button variant="link" testid="add-back" onClick={onBack} title="Back to connections">
          ←
        </Button>
        <h2>Add a connection</h2>
      </div>
      <input
        type="search"
        class="search"
        placeholder="Search by name or category"
        aria-label="Search providers"
        data-testid="catalog-search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {catalog.error && <ErrorState testid="catalog-error" message={catalog.error} onRetry={() => void catalog.refresh()} />}
      {loading ? (
        <Skeleton testid="catalog-loading" label="Loading providers" rows={3} />
      ) : (
        <>
          {groups.map((g) => (
            <section key={g.category} class="group" data-testid="catalog-group" data-category={g.category}>
              <h3>{g.label}</h3>
              <ul class="list">
                {g.providers.map((p) => (
                  <ProviderCard key={p.id} provider={p} onAdded={onAdded} />
                ))}
              </ul>
            </section>
          ))}
          {groups.length === 0 && needsSetup.length > 0 && (
            <p class="muted" data-testid="catalog-none-ready">
              {query ? `No provider matching “${query}” can be connected on this server yet.` : 'No provider can be connected on this server yet.'}
            </p>
          )}
          {needsSetup.length > 0 && <MoreProviders providers={needsSetup} searching={query.trim() !== ''} />}
        </>
      )}
      {nothing && (
        <p class="muted" data-testid="catalog-no-match">
          No provider matches “{query}”.
        </p>
      )}
    </section>
  );
}
