import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** A pending key older than this belongs to a request that died; it may be taken over. */
const STALE_MS = 2 * 60_000;

export type Claim =
  /**
   * Run it. `previous`: the key had an earlier attempt that did not succeed: `failed` (it
   * was refused or could not reach the provider) or `pending` (it died mid-request, so the
   * provider may have acted); `since` is when that attempt claimed the key.
   */
  | { kind: 'new'; previous?: { state: 'pending' | 'failed'; since: string } }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export const requestHash = (parts: unknown) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Idempotency-Key handling (as Stripe and the IETF draft describe it): the first request
 * with a key claims it; a retry with the same key and request gets the stored success,
 * never a second issue or note; the same key with a different request is refused.
 *
 * Only a success is a key's final answer (or a write acted on whose answer was not
 * understood, see `isFinal`). A refusal (expired token, bot not in the
 * channel, the provider's validation) or an outage leaves the key `failed`: still bound to
 * its request, but free, so the user's Retry after fixing the cause runs the action again.
 * Nothing was done at the provider when it refused, so running it again cannot duplicate.
 */
export async function claimKey(
  db: Kysely<Database>, userId: string, key: string, hash: string,
  /**
   * `takeOverPending`: the caller knows no other attempt with this key can be running (a
   * flow step's job holds its run's lane and lease), so a pending key is an attempt that
   * died and is taken over at once instead of after STALE_MS.
   */
  options: { takeOverPending?: boolean } = {},
): Promise<Claim> {
  const now = new Date().toISOString();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: hash, state: 'pending', response_status: null, response_body: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'new' };
  const row = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  // A refusal stored as `done` by an older Weft is not final either.
  if (row.state === 'done' && isFinal(row.response_status!, row.response_body!)) return { kind: 'replay', status: row.response_status!, body: JSON.parse(row.response_body!) };
  if (row.state === 'pending' && !options.takeOverPending && Date.now() - Date.parse(row.created_at) < STALE_MS) return { kind: 'in_progress' };
  // A failed key, or a pending one whose request died: take it, unless a concurrent retry just did.
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ state: 'pending', created_at: now })
    .where('user_id', '=', userId).where('key', '=', key)
    .where('state', '=', row.state).where('created_at', '=', row.created_at)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return { kind: 'in_progress' };
  return { kind: 'new', previous: { state: row.state === 'pending' ? 'pending' : 'failed', since: row.created_at } };
}

/**
 * A success is final, and so is a write the provider acted on but answered in a shape
 * Weft does not understand (`provider_bad_answer`): running it again would act twice.
 */
function isFinal(status: number, body: string): boolean {
  return status < 400 || (JSON.parse(body) as { error?: { code?: string } }).error?.code === 'provider_bad_answer';
}

/** Stores the key's final answer (see `isFinal`): every retry gets it. */
export async function completeKey(db: Kysely<Database>, userId: string, key: string, status: number, body: unknown) {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: status, response_body: JSON.stringify(body) })
    .where('user_id', '=', userId).where('key', '=', key)
    .execute();
}

/** The attempt failed (refused or unreachable): the next retry with the same request runs again. */
export async function failKey(db: Kysely<Database>, userId: string, key: string) {
  await db.updateTable('idempotency_keys').set({ state: 'failed' }).where('user_id', '=', userId).where('key', '=', key).execute();
}
