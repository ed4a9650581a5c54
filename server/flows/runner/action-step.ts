import type { Kysely } from 'kysely';
import type { User } from '../../../shared/protocol/auth';
import { findProvider } from '../../../shared/providers';
import { runAction } from '../../actions/executor';
import { claimKey, completeKey, failKey, requestHash } from '../../actions/idempotency';
import { canFindDone, hasActionHandler } from '../../actions/registry';
import type { AppDeps } from '../../app-context';
import type { Database } from '../../store/schema';
import { HttpError } from '../../lib/http-error';
import { StepError } from './step-error';
import type { LeafStepContext } from './step-kinds';

/** When another attempt took the key over at the same moment, look again after this. */
const IN_PROGRESS_WAIT_MS = 15_000;

/**
 * A catalog action (`slack.post_message`) through the same executor as `/api/actions`,
 * as the instance's owner, with the connection the step's config variable names. The
 * idempotency key `<runId>:<stepKey>` goes through the same mechanism as the
 * `Idempotency-Key` header: once an attempt succeeded, every later attempt of this step
 * (a job re-run after a crash) gets the stored answer instead of posting again; an attempt
 * that died after sending is settled by asking the provider (the action's FindDone).
 */
export async function runActionStep(ctx: LeafStepContext): Promise<unknown> {
  if (!('action' in ctx.step)) throw new StepError('Not an action step.', { retryable: false });
  const connectionId = ctx.config[ctx.step.connection];
  if (typeof connectionId !== 'string' || connectionId === '') {
    throw new StepError(`The config variable "${ctx.step.connection}" names no connection: choose one for this instance.`, { retryable: false });
  }
  return runCatalogAction(ctx.deps, ctx.owner, ctx.step.action, connectionId, ctx.input, ctx.idempotencyKey, {
    begin: ctx.begin,
    onSuccess: ctx.onSuccess,
    activityInBackground: true,
  });
}

/**
 * Where runCatalogAction writes its idempotency key. A flow step passes its own: the claim
 * commits with the record of the attempt, and the stored answer with the step's output, so
 * a step costs two synced commits rather than four. Alone, each is a transaction of its own.
 */
export interface CatalogActionWrites {
  begin<T>(writes: (tx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Resolves once `write` is committed, or is queued to commit with the step's output. */
  onSuccess(write: (tx: Kysely<Database>) => Promise<void>): Promise<void> | void;
  /** The activity line is written without being waited for (see runAction). */
  activityInBackground?: boolean;
}

/**
 * Runs `<provider>.<action>` as `owner` with a connection of theirs, at most once per
 * `key`: resolves with the action's result (the stored one when an earlier attempt with
 * this key succeeded); throws a StepError saying whether a retry may help.
 */
export async function runCatalogAction(
  deps: AppDeps, owner: User, action: string, connectionId: string, input: unknown, key: string,
  writes: CatalogActionWrites = { begin: (w) => deps.store.transaction(w), onSuccess: (w) => deps.store.transaction(w) },
): Promise<unknown> {
  const [providerId = '', actionId = ''] = action.split('.');
  const provider = findProvider(providerId);
  const definition = provider?.actions && Object.hasOwn(provider.actions, actionId) ? provider.actions[actionId] : undefined;
  if (!provider || !definition || !hasActionHandler(provider.id, actionId)) {
    throw new StepError(`There is no action "${action}" in Weft's catalog.`, { retryable: false });
  }
  const parsed = definition.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
    throw new StepError(`The input of ${action} is not valid: ${issues.join('; ')}`, { retryable: false });
  }

  // The step's job holds its run's lane and lease: no other attempt with this key is running.
  const hash = requestHash([provider.id, actionId, connectionId, parsed.data]);
  const claim = await writes.begin((tx) => claimKey(tx, owner.id, key, hash, { takeOverPending: true }));
  if (claim.kind === 'replay') return (claim.body as { result?: unknown }).result ?? null;
  if (claim.kind === 'mismatch') {
    throw new StepError('This step rendered a different input than on its earlier attempt, so it was not sent again (it may have been sent already).', { retryable: false });
  }
  if (claim.kind === 'in_progress') {
    throw new StepError('Another attempt of this step took it over a moment ago; Weft will look again shortly.', { retryable: true, retryAfterMs: IN_PROGRESS_WAIT_MS });
  }
  // An earlier attempt that did not succeed may still have acted: it died mid-request
  // (pending), or its request timed out after sending. Where the provider can say, it is
  // asked first; where it cannot, a write cut off mid-request is not sent again.
  let inDoubtSince: Date | undefined;
  if (claim.previous && definition.kind === 'write') {
    if (canFindDone(provider.id, actionId)) inDoubtSince = new Date(claim.previous.since);
    else if (claim.previous.state === 'pending') {
      throw new StepError(
        `An earlier attempt of this step was cut off mid-request and ${provider.name} cannot be asked whether it went through, so it was not sent again. Check ${provider.name}, then re-run the flow if it is missing.`,
        { retryable: false },
      );
    }
  }
  try {
    const answer = await runAction(deps, owner, provider, actionId, parsed.data, connectionId, { idempotencyKey: key, inDoubtSince, activityInBackground: writes.activityInBackground });
    // A flow step commits this with its output; alone it is written now. Either way, a
    // server that dies before it leaves the key pending: the next attempt asks the provider.
    await writes.onSuccess((tx) => completeKey(tx, owner.id, key, 200, answer));
    return answer.result;
  } catch (error) {
    if (error instanceof HttpError && error.code === 'provider_bad_answer' && definition.kind === 'write') {
      // The provider acted; only its answer was not understood: final, never sent again.
      await completeKey(deps.db, owner.id, key, error.status, { error: { code: error.code, message: error.message } });
      throw new StepError(error.message, { retryable: false, cause: error });
    }
    await failKey(deps.db, owner.id, key);
    throw asStepError(error);
  }
}

/** 5xx and `Retry-After` answers (429, outages, network) are retried; any other refusal is final. */
export function asStepError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  if (error.status >= 500) {
    const seconds = Number(error.headers['Retry-After']);
    return new StepError(error.message, { retryable: true, retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined, cause: error });
  }
  return new StepError(error.message, { retryable: false, cause: error });
}
