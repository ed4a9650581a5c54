import { useState } from 'preact/hooks';
import type { FlowRunStatus } from '@@/shared/protocol/flow-runs';
import type { FlowInstance } from '@@/shared/protocol/flows';
import { FilteredList } from './FilteredList';
import { RunList } from './RunList';

const statuses: (FlowRunStatus | '')[] = ['', 'running', 'waiting', 'succeeded', 'failed'];

/** Run history of one instance at a time: its runs (by status), then what its triggers filtered out. */
export function RunsPanel({ instances }: { instances: FlowInstance[] }) {
  const [instanceId, setInstanceId] = useState(instances[0]?.id);
  const [status, setStatus] = useState<FlowRunStatus | ''>('');
  if (!instanceId) {
    return (
      <section class="section" data-testid="runs">
        <p class="muted" data-testid="runs-no-instance">
          No runs: it is not deployed. Deploy it from Instances.
        </p>
      </section>
    );
  }
  const instance = instances.find((x) => x.id === instanceId);
  return (
    <section class="section stack" data-testid="runs">
      <div class="row">
        <label class="row">
          <span class="muted small">Instance</span>
          <select value={instanceId} data-testid="runs-instance" onChange={(e) => setInstanceId(e.currentTarget.value)}>
            {instances.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label class="row">
          <span class="muted small">Status</span>
          <select value={status} data-testid="runs-status" onChange={(e) => setStatus(e.currentTarget.value as FlowRunStatus | '')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s === '' ? 'Any' : s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RunList key={`${instanceId} ${status}`} instanceId={instanceId} status={status || undefined} flowName={(id) => instance?.flows.find((f) => f.id === id)?.name ?? id} />
      <FilteredList key={instanceId} instanceId={instanceId} />
    </section>
  );
}
