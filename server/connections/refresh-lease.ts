import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * How long a lease lasts. The refresh it covers is one token request (15 s at most,
 * providers/retry-policy.ts INTERACTIVE) and one UPDATE; a lease outliving its holder (a
 * process killed mid-refresh) lets another instance take over once it has run out.
 */
export const REFRESH_LEASE_MS = 60_000;

/**
 * The refresh single flight across instances: before spending a connection's refresh
 * token, an instance takes the connection's lease (a `refresh_leases` row). Only one
 * holds it at a time, so only one refresh reaches the provider; GitHub and HubSpot rotate
 * refresh tokens, and a second refresh with the old one would be refused (some providers
 * then revoke the whole grant). Written with the query builder alone: one statement per
 * step, the same on both engines.
 */

/** Takes the lease on `connectionId` for `holder` unless another holder's has not run out yet; true when taken. */
export async function takeRefreshLease(db: Kysely<Database>, connectionId: string, holder: string, now: number): Promise<boolean> {
  const taken = await db
    .insertInto('refresh_leases')
    .values({ connection_id: connectionId, holder, expires_ms: now + REFRESH_LEASE_MS })
    .onConflict((oc) =>
      oc
        .column('connection_id')
        .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), expires_ms: eb.ref('excluded.expires_ms') }))
        // A conflicting row is taken over only once its holder's time has run out.
        .where('refresh_leases.expires_ms', '<=', now),
    )
    .returning('holder')
    .executeTakeFirst();
  return taken?.holder === holder;
}

/** Gives the lease back, if `holder` still holds it (one that ran out may be another's now). */
export async function releaseRefreshLease(db: Kysely<Database>, connectionId: string, holder: string): Promise<void> {
  await db.deleteFrom('refresh_leases').where('connection_id', '=', connectionId).where('holder', '=', holder).execute();
}

/** Deletes leases that ran out: left by a holder that died, whose connection may be gone since. */
export async function deleteExpiredRefreshLeases(db: Kysely<Database>, now: number): Promise<void> {
  await db.deleteFrom('refresh_leases').where('expires_ms', '<=', now).execute();
}
