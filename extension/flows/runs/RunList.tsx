import { useCallback } from 'preact/hooks';
import type { FlowRun, FlowRunStatus } from '@@/shared/protocol/flow-runs';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { flowRunsApi } from '@/lib/flow-runs-api';
import { relativeTime } from '@/lib/relative-time';
import { hrefOf } from '../route';
import { duration } from './run-timing';
import { RunStatus } from './RunStatus';
import { usePages } from './use-pages';

type Props = { instanceId: string; status: FlowRunStatus | undefined; flowName: (id: string) => string };

/** An instance's runs, newest first: when, which flow and version, status, how long, why it failed. */
export function RunList({ instanceId, status, flowName }: Props) {
  const load = useCallback(async (after: string | undefined) => {
    const page = await flowRunsApi.runs({ instance: instanceId, status, after, limit: 50 });
    return { items: page.runs, next: page.next };
  }, [instanceId, status]);
  const { items, next, error, loading, reload, older } = usePages<FlowRun>(load);
  return (
    <div class="stack" aria-busy={loading}>
      <div class="row-head">
        <h3>Runs</h3>
        <Button variant="link" testid="runs-refresh" busy={loading} onClick={() => void reload()}>
          Refresh
        </Button>
      </div>
      {error && <ErrorState testid="runs-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {items?.length === 0 && (
        <p class="muted" data-testid="runs-empty">
          No runs{status ? ` ${status}` : ''} yet.
        </p>
      )}
      {items && items.length > 0 && (
        <table class="runs" data-testid="run-list">
          <thead>
            <tr>
              <th>Started</th>
              <th>Flow</th>
              <th>Status</th>
              <th>Took</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id}>
                <td class="nowrap">
                  <a href={hrefOf({ page: 'run', id: r.id })} data-testid="run-open">
                    {relativeTime(r.startedAt)}
                  </a>
                </td>
                <td>
                  {flowName(r.flowId)} <span class="muted small">v{r.version}</span>
                  {r.rerunOf && <span class="muted small"> · re-run</span>}
                </td>
                <td>
                  <RunStatus status={r.status} testid="run-status" />
                </td>
                <td class="nowrap">{duration(r.startedAt, r.finishedAt) ?? '—'}</td>
                <td class="small">{r.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <div>
          <Button testid="runs-older" busy={loading} onClick={() => void older()}>
            Older runs
          </Button>
        </div>
      )}
    </div>
  );
}
