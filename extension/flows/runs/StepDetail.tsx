import type { FlowRunStep } from '@@/shared/protocol/flow-runs';
import { JsonBlock } from './JsonBlock';
import { duration } from './run-timing';
import { RunStatus } from './RunStatus';

/** One step of a run: status, attempts, timings, error; its rendered input and its output on demand. */
export function StepDetail({ step: s }: { step: FlowRunStep }) {
  return (
    <li class="card stack step-card" data-testid="run-step" data-step-key={s.key}>
      <div class="row-head">
        <strong>
          {s.seq}. {s.key}
        </strong>
        <span class="row">
          <span class="muted small" data-testid="run-step-attempts">
            {s.attempts === 1 ? '1 attempt' : `${s.attempts} attempts`}
          </span>
          <span class="muted small">{duration(s.startedAt, s.finishedAt) ?? (s.startedAt ? 'under way' : 'not started')}</span>
          <RunStatus status={s.status} testid="run-step-status" />
        </span>
      </div>
      {s.error && (
        <p class={s.status === 'failed' ? 'result bad' : 'muted small'} data-testid="run-step-error">
          {s.error}
        </p>
      )}
      {s.startedAt && (
        <p class="muted small">
          Started {new Date(s.startedAt).toLocaleTimeString()}
          {s.finishedAt && `, finished ${new Date(s.finishedAt).toLocaleTimeString()}`}
        </p>
      )}
      {s.input !== null && (
        <details>
          <summary>Input</summary>
          <JsonBlock value={s.input} testid="run-step-input" />
        </details>
      )}
      {s.output !== null && (
        <details>
          <summary>Output{s.outputTruncated ? ' (truncated)' : ''}</summary>
          {s.outputTruncated && <p class="muted small">The first 64 KB; the whole output’s SHA-256 is {s.outputHash}.</p>}
          <JsonBlock value={s.output} testid="run-step-output" />
        </details>
      )}
    </li>
  );
}
