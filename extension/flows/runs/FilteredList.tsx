import { useCallback } from 'preact/hooks';
import type { FilteredFiring } from '@@/shared/protocol/flow-runs';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { flowRunsApi } from '@/lib/flow-runs-api';
import { relativeTime } from '@/lib/relative-time';
import { usePages } from './use-pages';

/** Firings that became no run, with why ("filtered: …"): the answer to "why did nothing happen?". */
export function FilteredList({ instanceId }: { instanceId: string }) {
  const load = useCallback(async (after: string | undefined) => {
    const page = await flowRunsApi.filtered({ instance: instanceId, after, limit: 50 });
    return { items: page.filtered, next: page.next };
  }, [instanceId]);
  const { items, next, error, loading, reload, older } = usePages<FilteredFiring>(load);
  return (
    <details class="stack" data-testid="filtered">
      <summary>Filtered firings{items ? ` (${items.length}${next ? '+' : ''})` : ''}</summary>
      {error && <ErrorState testid="filtered-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {items?.length === 0 && <p class="muted small">None: every firing became a run.</p>}
      <ul class="list">
        {items?.map((f) => (
          <li key={f.id} class="card small" data-testid="filtered-row">
            <span class="muted">{relativeTime(f.at)}</span> · {f.flowId} ({f.triggerType}
            {f.eventId !== null ? `, event ${f.eventId}` : ''}) — <span data-testid="filtered-reason">{f.reason}</span>
          </li>
        ))}
      </ul>
      {next && (
        <Button testid="filtered-older" busy={loading} onClick={() => void older()}>
          Older
        </Button>
      )}
    </details>
  );
}
