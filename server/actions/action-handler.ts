import type { z } from 'zod';
import type { ActionDefinition } from '../../shared/providers/actions/define';
import type { ActionDescriber } from './activity-line';
import type { ProviderApi } from './action-api';
import type { Limit } from './rate-limiter';

/**
 * The implementation of one catalog action: validated input in, the catalog's `output`
 * shape out (the executor checks it: the handler maps provider JSON it cannot vouch for).
 */
export type ActionHandler<D extends ActionDefinition> = (api: ProviderApi, input: z.output<D['input']>, call?: ActionCall) => Promise<z.input<D['output']>>;

/** About this call of an action, beyond its input. */
export interface ActionCall {
  /**
   * The caller's idempotency key (a flow step's `<runId>:<stepKey>`): a handler that can
   * leave it on what it writes (Slack's message metadata) does, so `findDone` can find it.
   */
  idempotencyKey?: string;
}

/**
 * Looks at the provider for what an earlier attempt with `key` wrote, when that attempt
 * may have acted without Weft recording it (the server died mid-request): its result in
 * the action's output shape, or null when it wrote nothing. `since`: when it started.
 */
export type FindDone = (api: ProviderApi, input: any, key: string, since: Date) => Promise<unknown | null>;

/** One handler per catalog action of a provider: a missing one is a type error. */
export type ActionHandlers<A extends Record<string, ActionDefinition>> = { [K in keyof A]: ActionHandler<A[K]> };

/** What the executor needs from a provider folder. */
export interface ProviderActions {
  handlers: Record<string, ActionHandler<ActionDefinition>>;
  /** Limits every call of one connection counts against (env may override). */
  baseLimits: Limit[];
  /** Reads a 2xx body that is really an error (Slack). */
  check?: (json: any) => void;
  headers?: Record<string, string>;
  /** Per write action that can say whether an earlier attempt acted (see FindDone); the others are not sent again when in doubt. */
  findDone?: Record<string, FindDone>;
  /** One sentence per write action for the user's activity (a convention test checks each has one). */
  describe: Record<string, ActionDescriber>;
}
