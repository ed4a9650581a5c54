import type { FlowStepStatus } from '@@/shared/protocol/flow-runs';

const labels: Record<FlowStepStatus, string> = { running: 'Running', waiting: 'Waiting', succeeded: 'Succeeded', failed: 'Failed', skipped: 'Skipped' };

/** A run's or step's status as a coloured word. */
export function RunStatus({ status, testid }: { status: FlowStepStatus; testid: string }) {
  return (
    <span class={`badge ${status}`} data-testid={testid} data-status={status}>
      {labels[status]}
    </span>
  );
}
