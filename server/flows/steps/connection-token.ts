import { ProviderError } from '../../providers/provider-error';
import { StepError } from '../runner/step-error';
import type { LeafStepContext } from '../runner/step-kinds';

/**
 * The access token of the connection a step names by config key (`connection: github`),
 * from the vault, refreshed when due. Only a connection of the instance's workspace
 * counts: a config value pointing elsewhere is treated as missing. The token goes straight
 * into a request header; it is never part of the step's input, output or error.
 */
export async function connectionToken(ctx: Pick<LeafStepContext, 'deps' | 'instance' | 'config'>, key: string): Promise<string> {
  const id = ctx.config[key];
  const row = typeof id === 'string'
    ? await ctx.deps.db.selectFrom('connections').selectAll().where('id', '=', id).where('workspace_id', '=', ctx.instance.workspace_id).executeTakeFirst()
    : undefined;
  if (!row) throw new StepError(`The connection "${key}" is not set or no longer exists: choose one in the instance's config.`, { retryable: false });
  if (row.status !== 'active') throw new StepError(`The connection "${key}" (${row.provider}) has expired: reconnect it from the Weft popup.`, { retryable: false });
  try {
    return await ctx.deps.tokens.accessToken(row);
  } catch (error) {
    if (error instanceof ProviderError) throw new StepError(`${error.message}`, { retryable: error.kind !== 'unauthorized', retryAfterMs: error.retryAfterMs });
    throw error;
  }
}
