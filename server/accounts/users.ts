import type { Kysely } from 'kysely';
import type { User } from '../../shared/protocol/auth';
import { newId, nowIso } from '../lib/ids';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';

/** Creates a user and their personal workspace in one transaction. */
export async function createUser(store: Pick<Store, 'transaction'>, email: string, passwordHash: string): Promise<User> {
  const userId = newId('usr');
  const workspaceId = newId('wsp');
  const now = nowIso();
  await store.transaction(async (trx) => {
    await trx.insertInto('users').values({ id: userId, email, password_hash: passwordHash, created_at: now }).execute();
    await trx.insertInto('workspaces').values({ id: workspaceId, name: `${email}'s workspace`, personal: 1, created_at: now }).execute();
    await trx.insertInto('workspace_members').values({ workspace_id: workspaceId, user_id: userId, role: 'owner', created_at: now }).execute();
  });
  return { id: userId, email, workspaceId };
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** The user's personal workspace: where their new connections go. */
export async function personalWorkspaceId(db: Kysely<Database>, userId: string): Promise<string> {
  const row = await db
    .selectFrom('workspace_members')
    .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
    .select('workspaces.id')
    .where('workspace_members.user_id', '=', userId)
    .where('workspaces.personal', '=', 1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every workspace the user belongs to: the set of connections they may see. */
export async function memberWorkspaceIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('workspace_members').select('workspace_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.workspace_id);
}
