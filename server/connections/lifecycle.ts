import type { AppDeps } from '../app-context';
import { ProviderError } from '../providers/provider-error';
import { adapterFor } from '../providers/registry';
import { findProvider } from '../../shared/providers';
import { providerContext } from './provider-context';
import { publishConnection, publishDeletion } from './publish';
import { markStatus, toConnectionView, type ConnectionRow } from './repository';

const reconnectHint = (name: string, authMode: ConnectionRow['auth_mode']) =>
  authMode === 'oauth2' ? `Reconnect ${name} from the Weft popup.` : `Paste a new one with Update token in the Weft popup.`;

/**
 * Test: get a usable token (refreshing if due) and ask the provider who it belongs to.
 * A 401 marks the connection expired with the reason; an unreachable provider leaves
 * the status alone, since nothing is known to be wrong with the credential.
 */
export async function testConnection(deps: AppDeps, row: ConnectionRow) {
  const provider = findProvider(row.provider)!;
  const view = async () =>
    toConnectionView(await deps.db.selectFrom('connections').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
  try {
    const token = await deps.tokens.accessToken(row);
    const account = await adapterFor(provider.id).identify(providerContext(deps, provider, row.auth_mode), token);
    const now = new Date().toISOString();
    await deps.db
      .updateTable('connections')
      .set({ status: 'active', status_reason: null, last_used_at: now, updated_at: now, account_label: account.label })
      .where('id', '=', row.id)
      .execute();
    await publishConnection(deps, row.id, { kind: 'tested', ok: true, changed: row.status !== 'active' });
    return { ok: true, message: `${provider.name} answered: connected as ${account.label}.`, connection: await view() };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.kind === 'unauthorized' || error.kind === 'rejected') {
      const reason = `${error.message}. ${reconnectHint(provider.name, row.auth_mode)}`.replace('.. ', '. ');
      const status = error.kind === 'unauthorized' ? 'expired' : 'error';
      await markStatus(deps.db, row.id, status, reason);
      await publishConnection(deps, row.id, { kind: 'tested', ok: false, changed: row.status !== status });
      return { ok: false, message: reason, connection: await view() };
    }
    return { ok: false, message: error.message, connection: await view() };
  }
}

/**
 * Delete: revoke at the provider where it has a revoke endpoint (best effort: a failed
 * revocation is reported, not allowed to keep an unwanted connection alive), then remove.
 * `revoked` is true only when the provider confirmed the revocation.
 */
export async function deleteConnection(deps: AppDeps, row: ConnectionRow) {
  const provider = findProvider(row.provider)!;
  let revoked = false;
  let note = '';
  try {
    const tokens = deps.tokens.decrypt(row);
    const adapter = adapterFor(provider.id);
    revoked = adapter.revoke ? await adapter.revoke(providerContext(deps, provider, row.auth_mode), tokens) : false;
    if (!revoked) note = ` ${provider.name} offers no way to revoke this credential; remove it there if you no longer use it.`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    note = ` ${provider.name} did not confirm that access was revoked (${reason}); remove the app's access there too.`;
    deps.log.warn('Revocation failed; deleting anyway.', { connectionId: row.id, provider: provider.id, reason });
  }
  await deps.store.transaction(async (trx) => {
    // A failure alert posted with it has nothing left to post with: it is turned off (the
    // delete's confirmation named those instances). Flows that run on it pause (publishDeletion).
    await trx.updateTable('flow_instances').set({ failure_alert: null, alert_connection_id: null }).where('alert_connection_id', '=', row.id).execute();
    await trx.deleteFrom('connections').where('id', '=', row.id).execute();
  });
  await publishDeletion(deps, row);
  deps.log.info('Deleted connection.', { connectionId: row.id, provider: provider.id, revoked });
  return { deleted: true as const, revoked, message: `Deleted ${row.name}.${revoked ? ` Access was revoked at ${provider.name}.` : note}` };
}
