import type { Selectable } from 'kysely';
import type { FilteredFiring, FlowRun, FlowRunStep } from '../../../shared/protocol/flow-runs';
import type { FlowFilteredTable } from '../../store/schema';
import type { RunRow, StepRow } from './scope';

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export const toRunView = (r: RunRow): FlowRun => ({
  id: r.id, instanceId: r.instance_id, integrationId: r.integration_id, version: Number(r.version), flowId: r.flow_id,
  triggerType: r.trigger_type as FlowRun['triggerType'], trigger: json(r.trigger), eventId: r.event_id === null ? null : Number(r.event_id),
  status: r.status, error: r.error, rerunOf: r.rerun_of, startedAt: r.started_at, finishedAt: r.finished_at,
});

export const toStepView = (s: StepRow): FlowRunStep => ({
  key: s.step_key, stepId: s.step_id, seq: Number(s.seq), status: s.status, input: json(s.input), output: json(s.output),
  outputTruncated: Number(s.output_truncated) === 1, outputHash: s.output_hash, error: s.error, attempts: Number(s.attempts),
  startedAt: s.started_at, finishedAt: s.finished_at,
});

export const toFilteredView = (f: Selectable<FlowFilteredTable>): FilteredFiring => ({
  id: Number(f.id), instanceId: f.instance_id, flowId: f.flow_id, triggerType: f.trigger_type,
  eventId: f.event_id === null ? null : Number(f.event_id), reason: f.reason, at: f.at,
});
