import type { Selectable } from 'kysely';
import type { Vault } from '../../connections/vault';
import { generateWebhookSecret } from '../../hooks/standard-webhooks';
import type { Store } from '../../store/open';
import type { FlowInstancesTable } from '../../store/schema';

/**
 * An instance's Standard Webhooks signing secrets: one current (`flow_instances.signing_secret`)
 * and, after a rotation, the replaced ones for a while (`previous_signing_secrets`), each
 * sealed by the vault and bound to its instance and column. Outbound webhooks are signed
 * with every secret still valid (one `v1,` signature each, space-separated, as the spec
 * has it for rotations), so a receiver can switch to the new secret whenever it likes in
 * that window; signed inbound webhooks pass with any of them.
 */

/** How long a replaced secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
/** Replaced secrets kept at most (the newest), however often someone rotates. */
const MAX_PREVIOUS = 3;

const currentAad = (instanceId: string) => `flow_instance:${instanceId}:signing_secret`;
const previousAad = (instanceId: string) => `flow_instance:${instanceId}:previous_signing_secrets`;

/** A new secret (`whsec_` + base64 of 24 random bytes), sealed for `flow_instances.signing_secret` of `instanceId`. */
export function newSealedSigningSecret(vault: Vault, instanceId: string): { secret: string; sealed: string } {
  const secret = generateWebhookSecret();
  return { secret, sealed: vault.seal(secret, currentAad(instanceId)) };
}

type InstanceSecrets = Pick<Selectable<FlowInstancesTable>, 'id' | 'signing_secret' | 'previous_signing_secrets'>;
interface Previous { secret: string; untilMs: number }

function openPrevious(vault: Vault, row: InstanceSecrets): Previous[] {
  return row.previous_signing_secrets === null ? [] : (JSON.parse(vault.open(row.previous_signing_secrets, previousAad(row.id))) as Previous[]);
}

/** The secrets that sign now: the current one first, then replaced ones whose time is not up. */
export function signingSecrets(vault: Vault, row: InstanceSecrets, nowMs = Date.now()): string[] {
  return [vault.open(row.signing_secret, currentAad(row.id)), ...openPrevious(vault, row).filter((p) => p.untilMs > nowMs).map((p) => p.secret)];
}

/**
 * Replaces the current secret with a new one; the old one keeps signing for
 * ROTATION_OVERLAP_MS. Read and write in one transaction, so two rotations at once keep
 * both replaced secrets rather than one overwriting the other's. Resolves with the new
 * secret (shown to the caller once) and until when the old one signs, or undefined when
 * there is no such instance.
 */
export async function rotateSigningSecret(
  store: Pick<Store, 'transaction'>,
  vault: Vault,
  instanceId: string,
  nowMs = Date.now(),
): Promise<{ secret: string; previousValidUntil: string } | undefined> {
  return store.transaction(async (trx) => {
    // Writing the row first takes its lock (PostgreSQL; SQLite runs one transaction at a time),
    // so a second rotation waits here and then reads what this one wrote.
    const at = new Date(nowMs).toISOString();
    await trx.updateTable('flow_instances').set({ updated_at: at }).where('id', '=', instanceId).execute();
    const row = await trx.selectFrom('flow_instances').select(['id', 'signing_secret', 'previous_signing_secrets']).where('id', '=', instanceId).executeTakeFirst();
    if (!row) return undefined;
    const untilMs = nowMs + ROTATION_OVERLAP_MS;
    const previous = [{ secret: vault.open(row.signing_secret, currentAad(row.id)), untilMs }, ...openPrevious(vault, row).filter((p) => p.untilMs > nowMs)].slice(0, MAX_PREVIOUS);
    const { secret, sealed } = newSealedSigningSecret(vault, instanceId);
    await trx
      .updateTable('flow_instances')
      .set({ signing_secret: sealed, previous_signing_secrets: vault.seal(JSON.stringify(previous), previousAad(row.id)) })
      .where('id', '=', instanceId)
      .execute();
    return { secret, previousValidUntil: new Date(untilMs).toISOString() };
  });
}
