import { z } from 'zod';
import { eventOriginSchema } from './events';

/**
 * Flow runs as the API answers them (`/api/runs`, `/api/instances/:id/flows/:flowId/run`).
 * A run is one trigger firing that passed its `if`; a firing that did not is a
 * FilteredFiring with the reason. Times are ISO-8601.
 */

export const flowRunStatusSchema = z.enum(['running', 'waiting', 'succeeded', 'failed']);
export type FlowRunStatus = z.infer<typeof flowRunStatusSchema>;

/** `waiting`: a delay step until its time; `skipped`: its `if` was false (the reason is in `error`). */
export const flowStepStatusSchema = z.enum(['running', 'waiting', 'succeeded', 'failed', 'skipped']);
export type FlowStepStatus = z.infer<typeof flowStepStatusSchema>;

export const flowRunStepSchema = z.object({
  /** The step id, with the item index inside a forEach: `notify`, `notify[3]`. */
  key: z.string(),
  stepId: z.string(),
  /** Order in which the steps ran (1, 2, …). */
  seq: z.number().int(),
  status: flowStepStatusSchema,
  /** The rendered input, secrets and tokens replaced by "[redacted]"; null for control steps. */
  input: z.unknown().nullable(),
  /** The output; when `outputTruncated`, the first 64 KB of its JSON as a string, and `outputHash` is the SHA-256 (hex) of the whole. */
  output: z.unknown().nullable(),
  outputTruncated: z.boolean(),
  outputHash: z.string().nullable(),
  /** Why it failed (the provider's words), or why it was skipped. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type FlowRunStep = z.infer<typeof flowRunStepSchema>;

export const flowRunSchema = z.object({
  id: z.string(),
  instanceId: z.string(),
  integrationId: z.string(),
  /** The integration version it runs on (an upgrade never changes a run in flight). */
  version: z.number().int(),
  flowId: z.string(),
  triggerType: z.enum(['event', 'webhook', 'schedule', 'manual']),
  /** The trigger's data: the event payload, webhook body, manual input or schedule time. */
  trigger: z.unknown(),
  eventId: z.number().int().nullable(),
  status: flowRunStatusSchema,
  error: z.string().nullable(),
  /** The run this one re-ran, when it is a re-run. */
  rerunOf: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type FlowRun = z.infer<typeof flowRunSchema>;

/** `GET /api/runs/:id`: the run with its steps in the order they ran. */
export const flowRunDetailSchema = flowRunSchema.extend({ steps: z.array(flowRunStepSchema) });
export type FlowRunDetail = z.infer<typeof flowRunDetailSchema>;

/** A trigger firing that did not become a run: `reason` reads "filtered: …". */
export const filteredFiringSchema = z.object({
  id: z.number().int(),
  instanceId: z.string(),
  flowId: z.string(),
  triggerType: z.string(),
  eventId: z.number().int().nullable(),
  reason: z.string(),
  at: z.string(),
});
export type FilteredFiring = z.infer<typeof filteredFiringSchema>;

/** `GET /api/runs?instance=&status=&after=&limit=`: newest first; `after` is the previous page's `next`. */
export const runsQuerySchema = z.object({
  instance: z.string().max(100).optional(),
  status: flowRunStatusSchema.optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunsQuery = z.input<typeof runsQuerySchema>;

export const runsPageSchema = z.object({
  runs: z.array(flowRunSchema),
  /** Pass as `after` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type RunsPage = z.infer<typeof runsPageSchema>;

/** `GET /api/runs/filtered?instance=&after=&limit=`: firings that became no run, newest first. */
export const filteredQuerySchema = z.object({
  instance: z.string().max(100).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const filteredPageSchema = z.object({
  filtered: z.array(filteredFiringSchema),
  next: z.string().nullable(),
});
export type FilteredPage = z.infer<typeof filteredPageSchema>;

/** `POST /api/instances/:id/flows/:flowId/run` with `{input}`. */
export const manualRunRequestSchema = z.object({ input: z.unknown().default({}) });

/** What starting or re-running a flow answers: the new run, or that the trigger's `if` filtered it. */
export const runStartedSchema = z.union([
  z.object({ run: flowRunSchema }),
  z.object({ filtered: z.string() }),
]);
export type RunStarted = z.infer<typeof runStartedSchema>;

/** `POST /api/runs/:id/rerun` with `{fromStep?}` (a step key; the failed step when absent). */
export const rerunRequestSchema = z.object({ fromStep: z.string().min(1).max(300).optional() });

/**
 * The event a failed run adds to its owner's workspace (provider `weft`), which the
 * extension shows as a notification linking to the run.
 */
export const flowRunFailedType = 'flow.run_failed';
export const flowRunFailedPayloadSchema = z.object({
  runId: z.string(),
  instanceId: z.string(),
  flowId: z.string(),
  /** The flow's name, as the notification names it. */
  flowName: z.string(),
  error: z.string(),
  /** The failed run, as the origin of this event (a flow triggered by failures never triggers itself). */
  origin: eventOriginSchema.optional(),
});
export type FlowRunFailedPayload = z.infer<typeof flowRunFailedPayloadSchema>;
