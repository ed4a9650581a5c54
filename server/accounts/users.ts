import type { Kysely } from 'kysely';
import type { User } from '../../shared/protocol/auth';
import { newId, nowIso } from '../lib/ids';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';

/** Creates a user and their personal workspace in one (synchronous) transaction. */
export function createUser(store: Store, email: string, passwordHash: string): User {
  const userId = newId('usr');
  const workspaceId = newId('wsp');
  const now = nowIso();
  store.transaction((sqlite) => {
    sqlite.prepare('INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)').run(userId, email, passwordHash, now);
    sqlite.prepare('INSERT INTO workspaces (id, name, personal, created_at) VALUES (?, ?, 1, ?)').run(workspaceId, `${email}'s workspace`, now);
    sqlite
      .prepare("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)")
      .run(workspaceId, userId, now);
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
