import type { FlowsBenchResult } from './flows';
import type { IntakeResult } from './intake';
import type { PushResult } from './push';

// The figures issues 9 and 10 set a target for, as rows of the bench's table, each beside its
// target and whether this run met it: read from the same run's numbers, never typed in.

export interface TargetRow {
  figure: string;
  measured: string;
  target: string;
  met: boolean;
}

/** SQLite intake ÷ the same server's body sink (achieved, saturated) ≥ this. */
export const INTAKE_TO_SINK_TARGET = 0.5;
/** 1,000 push clients: the last client's p99 below this (ms). */
export const LAST_CLIENT_P99_TARGET_MS = 50;
/** PostgreSQL: accepted by instance A → received by a client on instance B, p95 at most this (ms). */
export const CROSS_INSTANCE_P95_TARGET_MS = 100;

export function targetRows(intake: IntakeResult, push1000: PushResult, crossInstance: { p95ms: number }): TargetRow[] {
  const ratio = intake.saturated.intake.achievedRps / intake.saturated.sink.achievedRps;
  return [
    {
      figure: 'SQLite intake ÷ body sink, achieved req/s when saturated (fsync before each 2xx kept)',
      measured: ratio.toFixed(2), target: `≥ ${INTAKE_TO_SINK_TARGET}`, met: ratio >= INTAKE_TO_SINK_TARGET,
    },
    {
      figure: `${push1000.clients.toLocaleString('en')} push clients: the last client's p99 (webhook sent → event received)`,
      measured: `${push1000.lastP99ms.toFixed(1)} ms`, target: `< ${LAST_CLIENT_P99_TARGET_MS} ms`, met: push1000.lastP99ms < LAST_CLIENT_P99_TARGET_MS,
    },
    {
      figure: 'PostgreSQL: a webhook accepted by instance A → received on a WebSocket attached to instance B, p95',
      measured: `${crossInstance.p95ms.toFixed(1)} ms`, target: `≤ ${CROSS_INSTANCE_P95_TARGET_MS} ms`, met: crossInstance.p95ms <= CROSS_INSTANCE_P95_TARGET_MS,
    },
  ];
}

/** Flows (issue 10), on SQLite: the engine's own time per step, provider call excluded (ms). */
export const STEP_OVERHEAD_P50_TARGET_MS = 2;
export const STEP_OVERHEAD_P99_TARGET_MS = 10;
/** A webhook sent → the first step of the flow it fires starting, p95 (ms). */
export const WEBHOOK_TO_FIRST_STEP_P95_TARGET_MS = 50;

export function flowTargetRows(flows: FlowsBenchResult): TargetRow[] {
  const o = flows.stepOverhead;
  return [
    {
      figure: 'flows on SQLite: engine overhead per step, provider call excluded, p50',
      measured: `${o.p50ms.toFixed(1)} ms`, target: `≤ ${STEP_OVERHEAD_P50_TARGET_MS} ms`, met: o.p50ms <= STEP_OVERHEAD_P50_TARGET_MS,
    },
    {
      figure: 'flows on SQLite: engine overhead per step, provider call excluded, p99',
      measured: `${o.p99ms.toFixed(1)} ms`, target: `≤ ${STEP_OVERHEAD_P99_TARGET_MS} ms`, met: o.p99ms <= STEP_OVERHEAD_P99_TARGET_MS,
    },
    ...flows.webhookToFirstStep.map((w) => ({
      figure: `webhook → first step, p95: ${w.trigger}`,
      measured: `${w.p95ms.toFixed(1)} ms`, target: `≤ ${WEBHOOK_TO_FIRST_STEP_P95_TARGET_MS} ms`, met: w.p95ms <= WEBHOOK_TO_FIRST_STEP_P95_TARGET_MS,
    })),
  ];
}
