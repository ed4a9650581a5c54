import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { WebhookEndpoint } from '../../shared/protocol/webhook-endpoints';
import type { Vault } from '../connections/vault';
import { nowIso } from '../lib/ids';
import type { Database, WebhookEndpointsTable } from '../store/schema';
import { generateWebhookSecret } from './standard-webhooks';

export type EndpointRow = Selectable<WebhookEndpointsTable>;

const secretAad = (id: string) => `webhook_endpoint:${id}:secret`;

export const endpointUrl = (publicUrl: string, id: string) => `${publicUrl}/hooks/custom/${id}`;

export function toEndpointView(row: EndpointRow, publicUrl: string): WebhookEndpoint {
  return { id: row.id, name: row.name, url: endpointUrl(publicUrl, row.id), signed: row.secret !== null, createdAt: row.created_at };
}

/**
 * A custom webhook endpoint. Its id is the URL's secret part (128 random bits), so an
 * unsigned endpoint is still unguessable; a signed one also has a Standard Webhooks
 * secret, stored in the vault and shown to its creator once.
 */
export async function createEndpoint(
  db: Kysely<Database>,
  vault: Vault,
  input: { workspaceId: string; userId: string; name: string; signed: boolean },
) {
  const id = `whk_${randomBytes(16).toString('base64url')}`;
  const secret = input.signed ? generateWebhookSecret() : null;
  await db
    .insertInto('webhook_endpoints')
    .values({
      id, workspace_id: input.workspaceId, created_by: input.userId, name: input.name,
      secret: secret ? vault.seal(secret, secretAad(id)) : null, created_at: nowIso(),
    })
    .execute();
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { row, secret };
}

export function openEndpointSecret(vault: Vault, row: EndpointRow): string | null {
  return row.secret === null ? null : vault.open(row.secret, secretAad(row.id));
}
