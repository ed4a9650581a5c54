import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { User } from '../../../shared/protocol/auth';
import type { actionStep, httpStep, webhookStep } from '../../../shared/flows/document';
import type { AppDeps } from '../../app-context';
import type { Database } from '../../store/schema';
import type { FlowInstanceRow } from './instance';
import { runHttpStep } from '../steps/http-step';
import { runWebhookStep } from '../steps/webhook-step';
import { runActionStep } from './action-step';

/** A step that does one thing outside Weft; the runner sequences them and handles control flow. */
export type LeafStep = z.infer<typeof actionStep> | z.infer<typeof httpStep> | z.infer<typeof webhookStep>;

export interface LeafStepContext {
  deps: AppDeps;
  runId: string;
  /** The step id, with the item index inside a forEach (`notify[3]`). */
  stepKey: string;
  /** `<runId>:<stepKey>`: the same on every attempt of this step of this run, never on another. */
  idempotencyKey: string;
  /** 1 on the first try of this step. */
  attempt: number;
  /** Aborted when the server stops: give up soon, the step runs again after the restart. */
  signal: AbortSignal;
  /**
   * The step's own part with every `{{ }}` rendered: an action's `input`, an http step's
   * `http` object, a webhook step's `webhook` object.
   */
  input: unknown;
  step: LeafStep;
  instance: FlowInstanceRow;
  /**
   * Records this attempt (the step's row says `running`, with its input) and runs
   * `writes` in the same transaction: the kind's own bookkeeping before it sends anything
   * (an action's idempotency claim) commits with that record, one synced commit for both.
   * The action kind calls it before sending; for the other kinds the runner calls it
   * before they start (KINDS_THAT_BEGIN).
   */
  begin<T>(writes: (tx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Queues `write` to commit in the transaction that records the step's output. */
  onSuccess(write: (tx: Kysely<Database>) => Promise<void>): void;
  /** Who deployed the instance: steps act as them (their connections, their idempotency keys). */
  owner: User;
  /** The instance's config values, defaults applied; a connection variable holds a connection id. */
  config: Record<string, unknown>;
}

/** Kinds that call `begin` themselves, with writes of their own; the runner begins the others. */
export const KINDS_THAT_BEGIN: ReadonlySet<LeafKind> = new Set(['action']);

/** Runs one leaf step and resolves with its output; throws a StepError to fail or retry it. */
export type LeafStepRunner = (ctx: LeafStepContext) => Promise<unknown>;

export type LeafKind = 'action' | 'http' | 'webhook';

/** What each leaf kind runs. The `http` and `webhook` kinds live in server/flows/steps/. */
export const stepKinds: Partial<Record<LeafKind, LeafStepRunner>> = {
  action: runActionStep,
  http: runHttpStep,
  webhook: runWebhookStep,
};

/** The leaf kind of a step, or null for control steps (branch, forEach, delay). */
export function leafKindOf(step: object): LeafKind | null {
  if ('action' in step) return 'action';
  if ('http' in step) return 'http';
  if ('webhook' in step) return 'webhook';
  return null;
}

/** The part of a leaf step that is rendered into its input. */
export function leafTemplate(step: LeafStep): unknown {
  if ('action' in step) return step.input ?? {};
  if ('http' in step) return step.http;
  return step.webhook;
}
