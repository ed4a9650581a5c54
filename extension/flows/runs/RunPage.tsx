import { useState } from 'preact/hooks';
import type { FlowRunStep } from '@@/shared/protocol/flow-runs';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Notice } from '@/components/Notice';
import { Skeleton } from '@/components/Skeleton';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { flowRunsApi } from '@/lib/flow-runs-api';
import { hrefOf } from '../route';
import { navigate } from '../use-hash-route';
import { PayloadBlock } from './PayloadBlock';
import { duration } from './run-timing';
import { RunStatus } from './RunStatus';
import { StepDetail } from './StepDetail';

/** One run: what triggered it, each step (input, output, error, attempts, timings), and re-run from the failed step. */
export function RunPage({ id }: { id: string }) {
  const { data: run, error, loading, reload } = useRemote(() => flowRunsApi.run(id), [id]);
  const [fromStep, setFromStep] = useState<string | undefined>(undefined);
  const rerun = useAction();
  const [filtered, setFiltered] = useState<string | null>(null);

  if (!run) return error ? <ErrorState testid="run-error" message={error} retrying={loading} onRetry={() => void reload()} /> : <Skeleton testid="run-loading" label="Loading the run" rows={3} />;

  const failed = run.steps.find((s) => s.status === 'failed');
  const start = fromStep ?? failed?.key;

  async function again() {
    const answer = await rerun.run(() => flowRunsApi.rerun(run!.id, start));
    if (!answer) return;
    if ('run' in answer) navigate({ page: 'run', id: answer.run.id });
    else setFiltered(answer.filtered);
  }

  return (
    <div class="stack" data-testid="run-page" data-run-id={run.id}>
      <div class="row-head">
        <h2>
          Run of {run.flowId} <span class="muted small">v{run.version}</span>
        </h2>
        <span class="row">
          <RunStatus status={run.status} testid="run-page-status" />
          <Button variant="link" testid="run-refresh" busy={loading} onClick={() => void reload()}>
            Refresh
          </Button>
        </span>
      </div>
      <dl class="kv">
        <dt>Integration</dt>
        <dd>
          <a href={hrefOf({ page: 'integration', id: run.integrationId, tab: 'runs' })} data-testid="run-integration">
            Open its runs
          </a>
        </dd>
        <dt>Started</dt>
        <dd>{new Date(run.startedAt).toLocaleString()}</dd>
        <dt>Took</dt>
        <dd>{duration(run.startedAt, run.finishedAt) ?? 'still running'}</dd>
        <dt>Trigger</dt>
        <dd>
          {run.triggerType}
          {run.eventId !== null && ` (event ${run.eventId})`}
        </dd>
        {run.rerunOf && (
          <>
            <dt>Re-run of</dt>
            <dd>
              <a href={hrefOf({ page: 'run', id: run.rerunOf })}>{run.rerunOf}</a>
            </dd>
          </>
        )}
      </dl>
      {run.error && (
        <Notice kind="error" testid="run-page-error">
          {run.error}
        </Notice>
      )}
      {run.status === 'failed' && (
        <div class="section stack" data-testid="rerun">
          <div class="row">
            <label class="row">
              <span class="muted small">Re-run from</span>
              <select value={start ?? ''} data-testid="rerun-from" onChange={(e) => setFromStep(e.currentTarget.value || undefined)}>
                {run.steps.map((s: FlowRunStep) => (
                  <option key={s.key} value={s.key}>
                    {s.key}
                    {s.key === failed?.key ? ' (failed)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="primary" testid="rerun-submit" busy={rerun.busy} onClick={() => void again()}>
              Re-run
            </Button>
          </div>
          <p class="muted small">Steps before it keep their outputs; it and the steps after it run again in a new run.</p>
          {rerun.error && (
            <Notice kind="error" testid="rerun-error">
              {rerun.error}
            </Notice>
          )}
          {filtered && (
            <Notice kind="info" testid="rerun-filtered">
              {filtered}
            </Notice>
          )}
        </div>
      )}
      <PayloadBlock label="Trigger data" value={run.trigger} testid="run-trigger" />
      <h3>Steps</h3>
      {run.steps.length === 0 ? (
        <p class="muted">No step has started yet.</p>
      ) : (
        <ol class="list" data-testid="run-steps">
          {run.steps.map((s) => (
            <StepDetail key={s.key} step={s} />
          ))}
        </ol>
      )}
    </div>
  );
}
