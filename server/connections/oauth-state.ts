import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, OAuthStatesTable } from '../store/schema';

/** How long a user has to finish the provider's consent screen. */
export const STATE_TTL_MS = 10 * 60_000;

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export type PendingAuthorization = Omit<Selectable<OAuthStatesTable>, 'state_hash'>;

export async function saveState(db: Kysely<Database>, state: string, pending: PendingAuthorization) {
  await db.insertInto('oauth_states').values({ state_hash: hash(state), ...pending }).execute();
}

/**
 * Takes a state out of the store: single use by construction, since the DELETE that
 * reads it also removes it, so two callbacks racing with one state cannot both win.
 * Returns why it failed, for the page the user lands on.
 */
export async function consumeState(
  db: Kysely<Database>,
  state: string | null,
  provider: string,
): Promise<{ ok: true; pending: PendingAuthorization } | { ok: false; reason: 'missing' | 'unknown' | 'expired' }> {
  if (!state) return { ok: false, reason: 'missing' };
  const row = await db.deleteFrom('oauth_states').where('state_hash', '=', hash(state)).returningAll().executeTakeFirst();
  if (!row || row.provider !== provider) return { ok: false, reason: 'unknown' };
  if (Date.parse(row.expires_at) < Date.now()) return { ok: false, reason: 'expired' };
  const { state_hash: _ignored, ...pending } = row;
  return { ok: true, pending };
}

/** Old, never-finished attempts are deleted so the table stays small. */
export async function deleteExpiredStates(db: Kysely<Database>) {
  await db.deleteFrom('oauth_states').where('expires_at', '<', new Date().toISOString()).execute();
}
