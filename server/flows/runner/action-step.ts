import type { User } from '../../../shared/protocol/auth';
import { findProvider } from '../../../shared/providers';
import { runAction } from '../../actions/executor';
import { claimKey, completeKey, failKey, requestHash } from '../../actions/idempotency';
import { hasActionHandler } from '../../actions/registry';
import type { AppDeps } from '../../app-context';
import { HttpError } from '../../lib/http-error';
import { StepError } from './step-error';
import type { LeafStepContext } from './step-kinds';

/** While another attempt holds the key (a server that died mid-call), look again after this. */
const IN_PROGRESS_WAIT_MS = 15_000;

/**
 * A catalog action (`slack.post_message`) through the same executor as `/api/actions`,
 * as the instance's owner, with the connection the step's config variable names. The
 * idempotency key `<runId>:<stepKey>` goes through the same mechanism as the
 * `Idempotency-Key` header: once an attempt succeeded, every later attempt of this step
 * (a job re-run after a crash) gets the stored answer instead of posting again.
 */
export async function runActionStep(ctx: LeafStepContext): Promise<unknown> {
  if (!('action' in ctx.step)) throw new StepError('Not an action step.', { retryable: false });
  const connectionId = ctx.config[ctx.step.connection];
  if (typeof connectionId !== 'string' || connectionId === '') {
    throw new StepError(`The config variable "${ctx.step.connection}" names no connection: choose one for this instance.`, { retryable: false });
  }
  return runCatalogAction(ctx.deps, ctx.owner, ctx.step.action, connectionId, ctx.input, ctx.idempotencyKey);
}

/**
 * Runs `<provider>.<action>` as `owner` with a connection of theirs, at most once per
 * `key`: resolves with the action's result (the stored one when an earlier attempt with
 * this key succeeded); throws a StepError saying whether a retry may help.
 */
export async function runCatalogAction(deps: AppDeps, owner: User, action: string, connectionId: string, input: unknown, key: string): Promise<unknown> {
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

  const claim = await claimKey(deps.db, owner.id, key, requestHash([provider.id, actionId, connectionId, parsed.data]));
  if (claim.kind === 'replay') return (claim.body as { result?: unknown }).result ?? null;
  if (claim.kind === 'mismatch') {
    throw new StepError('This step rendered a different input than on its earlier attempt, so it was not sent again (it may have been sent already).', { retryable: false });
  }
  if (claim.kind === 'in_progress') {
    throw new StepError('An earlier attempt of this step is still marked as running; Weft will look again shortly.', { retryable: true, retryAfterMs: IN_PROGRESS_WAIT_MS });
  }
  try {
    const answer = await runAction(deps, owner, provider, actionId, parsed.data, connectionId);
    await completeKey(deps.db, owner.id, key, 200, answer);
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
