import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { User } from '../../../shared/protocol/auth';
import { newId, nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';
import { searchColumns } from './repository';

/** A new integration in the user's workspace with `draft` as its draft (`draftYaml`: its text, when sent as YAML); `forkedFrom` when it is a fork. Returns its id. */
export async function insertIntegration(db: Kysely<Database>, user: User, draft: IntegrationDocument, forkedFrom: string | null = null, draftYaml: string | null = null): Promise<string> {
  const id = newId('int');
  const now = nowIso();
  await db
    .insertInto('integrations')
    .values({
      id,
      workspace_id: user.workspaceId,
      created_by: user.id,
      ...searchColumns(draft),
      draft: JSON.stringify(draft),
      draft_yaml: draftYaml,
      forked_from: forkedFrom,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
