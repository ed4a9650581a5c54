import type { FlowRunStep } from '@@/shared/protocol/flow-runs';
import { PayloadBlock } from './PayloadBlock';
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
      {s.input !== null && <PayloadBlock label="Input" value={s.input} testid="run-step-input" />}
      {s.output !== null && (
        <PayloadBlock label={s.outputTruncated ? 'Output (truncated)' : 'Output'} value={s.output} testid="run-step-output">
          {s.outputTruncated && <p class="muted small">The server kept the first 64 KB; the whole output’s SHA-256 is {s.outputHash}.</p>}
        </PayloadBlock>
      )}
    </li>
  );
}
