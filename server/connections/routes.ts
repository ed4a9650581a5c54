import { Hono } from 'hono';
import {
  authorizeRequestSchema,
  claimGrantSchema,
  createConnectionSchema,
  updateConnectionSchema,
  type DeleteConnectionResponse,
  type TestConnectionResponse,
} from '../../shared/protocol/connections';
import type { AppEnv } from '../app-context';
import { requireUser } from '../accounts/require-user';
import { HttpError, notFound } from '../lib/http-error';
import type { InstanceRef } from '../../shared/protocol/flows';
import { instanceCounts, instancesUsing } from '../flows/instances/connection-usage';
import { parseJsonBody } from '../lib/parse-body';
import { beginAuthorization } from './authorize';
import { claimGrant } from './claim';
import { requireProvider } from './provider-context';
import { findVisibleConnection, listVisibleConnections, toConnectionView } from './repository';
import { saveConnection } from './save-connection';
import { deleteConnection, testConnection } from './lifecycle';
import { publishConnection } from './publish';
import { keyAuthMode, verifyPastedToken } from './verify-credential';

/** `/api/connections`: only ever the caller's connections; anyone else's id is a 404. */
export const connectionRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const rows = await listVisibleConnections(c.var.deps.db, c.var.user.id);
    const counts = await instanceCounts(c.var.deps.db, rows.map((r) => r.id));
    return c.json({ connections: rows.map((r) => ({ ...toConnectionView(r), instanceCount: counts.get(r.id) ?? 0 })) });
  })
  .post('/', async (c) => {
    const { deps, user } = c.var;
    const body = await parseJsonBody(c, createConnectionSchema);
    const provider = requireProvider(body.provider);
    const account = await verifyPastedToken(deps, provider, body.credentials.token);
    const { row, created } = await saveConnection(
      deps.db,
      deps.vault,
      provider,
      account,
      { authMode: keyAuthMode(provider), accessToken: body.credentials.token, refreshToken: null, expiresAt: null, scopes: account.scopes ?? [] },
      { workspaceId: user.workspaceId, userId: user.id, name: body.name },
    );
    // The same account again renews its connection: 200, and the popup hears "reconnected".
    await publishConnection(deps, row.id, { kind: created ? 'connected' : 'reconnected' });
    deps.log.info(created ? 'Connected with a key.' : 'Renewed a connection with a new key.', { provider: provider.id, connectionId: row.id, userId: user.id });
    return c.json({ connection: toConnectionView(row) }, created ? 201 : 200);
  })
  .post('/claim', async (c) => {
    const { grant } = await parseJsonBody(c, claimGrantSchema);
    const { row, created } = await claimGrant(c.var.deps, c.var.user, grant);
    return c.json({ connection: toConnectionView(row) }, created ? 201 : 200);
  })
  .post('/:provider/authorize', async (c) => {
    const provider = requireProvider(c.req.param('provider'));
    const body = await parseJsonBody(c, authorizeRequestSchema);
    return c.json(await beginAuthorization(c.var.deps, c.var.user, provider, body));
  })
  .post('/:id/test', async (c) => {
    const row = await findVisibleConnection(c.var.deps.db, c.var.user.id, c.req.param('id'));
    if (!row) throw notFound('That connection');
    return c.json((await testConnection(c.var.deps, row)) satisfies TestConnectionResponse);
  })
  .patch('/:id', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleConnection(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That connection');
    const body = await parseJsonBody(c, updateConnectionSchema);
    const provider = requireProvider(row.provider);
    if (body.credentials) {
      // Rotation: the new token is checked first; the old one stays until it passes.
      const account = await verifyPastedToken(deps, provider, body.credentials.token);
      await saveConnection(
        deps.db,
        deps.vault,
        provider,
        account,
        { authMode: keyAuthMode(provider), accessToken: body.credentials.token, refreshToken: null, expiresAt: null, scopes: account.scopes ?? [] },
        { workspaceId: row.workspace_id, userId: user.id, connectionId: row.id, name: body.name },
      );
      await publishConnection(deps, row.id, { kind: 'reconnected' });
    } else if (body.name && body.name !== row.name) {
      await deps.db.updateTable('connections').set({ name: body.name, updated_at: new Date().toISOString() }).where('id', '=', row.id).execute();
      await publishConnection(deps, row.id, { kind: 'renamed', from: row.name });
    }
    const updated = await findVisibleConnection(deps.db, user.id, row.id);
    return c.json({ connection: toConnectionView(updated!) });
  })
  .delete('/:id', async (c) => {
    const row = await findVisibleConnection(c.var.deps.db, c.var.user.id, c.req.param('id'));
    if (!row) throw notFound('That connection');
    // A connection flows run on is deleted only when the user has seen which ones and
    // confirmed (`?force=1`); those instances then pause, saying why (publishDeletion).
    const users = await instancesUsing(c.var.deps.db, row.id);
    if (users.length > 0 && c.req.query('force') !== '1') {
      throw new HttpError(409, 'connection_in_use', inUseMessage(row.name, users), {}, { instances: users });
    }
    return c.json((await deleteConnection(c.var.deps, row)) satisfies DeleteConnectionResponse);
  });

/** What deleting a used connection would do, naming the instances: flows that run on it pause; alerts posted with it are turned off. */
function inUseMessage(connection: string, users: InstanceRef[]): string {
  const names = users.map((i) => i.name).join(', ');
  const alerting = users.filter((i) => i.alertOnly).length;
  const pausing = users.length - alerting;
  const one = users.length === 1;
  let effect: string;
  if (alerting === 0) effect = `pauses ${one ? 'it' : 'them'}`;
  else if (pausing === 0) effect = `turns off ${one ? 'its failure alert' : 'their failure alerts'}`;
  else effect = `pauses ${pausing} of them and turns off the failure alert of ${alerting === 1 ? 'the other' : `the other ${alerting}`}`;
  return `${connection} is used by ${one ? 'a flow' : `${users.length} flows`}: ${names}. Deleting it ${effect}; confirm to delete anyway.`;
}
