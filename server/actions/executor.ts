import type { User } from '../../shared/protocol/auth';
import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { providerContext } from '../connections/provider-context';
import { publishConnection } from '../connections/publish';
import { markStatus } from '../connections/repository';
import { HttpError } from '../lib/http-error';
import { ProviderError, providerHttpError } from '../providers/provider-error';
import { publishActionCompleted } from './activity-line';
import { providerApi } from './action-api';
import { providerActions } from './registry';
import { unexpectedAnswer } from './unexpected-answer';

/** Which of the user's connections runs the action: the one named, else the first active one. */
async function pickConnection(deps: AppDeps, user: User, provider: Provider, connectionId?: string) {
  // One query: the user's workspaces as a subquery (this runs on every action and flow step).
  const workspaces = deps.db.selectFrom('workspace_members').select('workspace_id').where('user_id', '=', user.id);
  let q = deps.db.selectFrom('connections').selectAll().where('provider', '=', provider.id).where('workspace_id', 'in', workspaces);
  q = connectionId ? q.where('id', '=', connectionId) : q.where('status', '=', 'active').orderBy('created_at').orderBy('id');
  const row = await q.executeTakeFirst();
  if (!row) {
    throw connectionId
      ? new HttpError(404, 'not_found', 'That connection was not found.')
      : new HttpError(409, 'not_connected', `Connect ${provider.name} first (Weft popup → Add connection).`);
  }
  return row;
}

/**
 * "Last used" is shown to the minute (the popup's connection list): a connection used again
 * within a minute is not written again, which spares a synced write per action in a burst.
 */
export const LAST_USED_PRECISION_MS = 60_000;

async function noteUsed(deps: AppDeps, row: { id: string; last_used_at: string | null }): Promise<void> {
  const at = Date.now();
  if (row.last_used_at !== null && at - Date.parse(row.last_used_at) < LAST_USED_PRECISION_MS) return;
  await deps.db.updateTable('connections').set({ last_used_at: new Date(at).toISOString() }).where('id', '=', row.id).execute();
}

/**
 * Runs one catalog action for a user: token from the vault (refreshed if due), the
 * provider's limits, bounded retries. A 401 from the provider marks the connection
 * expired and tells the user to reconnect. The answer is checked against the action's
 * catalog `output` schema and only what it declares is sent on.
 */
export async function runAction(
  deps: AppDeps, user: User, provider: Provider, actionId: string, input: unknown, connectionId?: string,
  /**
   * `idempotencyKey` is passed to the handler (which may leave it on what it writes);
   * `inDoubtSince`: an earlier attempt with that key started then and may have acted, so
   * the provider is asked first (the action's FindDone) and its answer used if it did.
   */
  /**
   * `activityInBackground`: answer without waiting for the activity line's commit (a flow
   * step: its run history is the record; the line still reaches the log a moment later,
   * and is lost only if the server dies within that moment).
   */
  options: { idempotencyKey?: string; inDoubtSince?: Date; activityInBackground?: boolean } = {},
) {
  const actions = providerActions[provider.id]!;
  const row = await pickConnection(deps, user, provider, connectionId);
  const ctx = providerContext(deps, provider, row.auth_mode);
  const override = deps.config.providers[provider.id]?.rateLimit;
  try {
    const token = await deps.tokens.accessToken(row);
    const api = providerApi({
      providerName: provider.name, connectionId: row.id, token, placement: ctx.placement, resolve: ctx.resolve,
      fetch: deps.fetch, limiter: deps.limiter, check: actions.check, headers: actions.headers,
      baseLimits: override ? [{ key: '', ...override }] : actions.baseLimits,
    });
    const finder = options.idempotencyKey && options.inDoubtSince ? actions.findDone?.[actionId] : undefined;
    const earlier = finder ? await finder(api, input, options.idempotencyKey!, options.inDoubtSince!) : null;
    const answer = earlier ?? (await actions.handlers[actionId]!(api, input, { idempotencyKey: options.idempotencyKey }));
    await noteUsed(deps, row);
    const definition = provider.actions![actionId]!;
    const checked = definition.output.safeParse(answer);
    if (!checked.success) {
      deps.log.warn('A provider answered an action outside its output schema', { provider: provider.id, action: actionId, issues: checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
      throw unexpectedAnswer(provider, definition);
    }
    const result = checked.data;
    const describe = actions.describe[actionId];
    // What an earlier attempt did was reported then (or died with it): not a new activity.
    if (definition.kind === 'write' && describe && earlier === null) {
      const recorded = publishActionCompleted(deps, user, provider, actionId, row.id, () => describe(input, result, api));
      if (!options.activityInBackground) await recorded;
    }
    return { connectionId: row.id, result };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.kind === 'unauthorized') {
      const reason = `${error.message}. Reconnect ${provider.name} from the Weft popup.`;
      // A refused refresh has already marked it expired and said so: once is news, twice is noise.
      const current = await deps.db.selectFrom('connections').select('status').where('id', '=', row.id).executeTakeFirst();
      if (current?.status !== 'expired') {
        await markStatus(deps.db, row.id, 'expired', reason);
        await publishConnection(deps, row.id, { kind: 'expired' });
      }
      throw new HttpError(409, 'connection_expired', reason);
    }
    if (error.kind === 'bad_answer') {
      // The provider's answer did not fit what the handler reads (responses.ts): the same
      // answer, and the same finality after a write, as one that does not fit the output.
      deps.log.warn('A provider answered an action outside its output schema', { provider: provider.id, action: actionId, issues: [error.message] });
      throw unexpectedAnswer(provider, provider.actions![actionId]!);
    }
    throw providerHttpError(error);
  }
}
