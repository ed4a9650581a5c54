import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { nowIso } from '../../lib/ids';
import type { Store } from '../../store/open';
import type { Database } from '../../store/schema';
import { isUniqueViolation } from '../../store/unique-violation';
import { checkDocument } from '../../../shared/flows/check';
import { contentHash } from '../../../shared/flows/content-hash';
import { toYaml } from '../../../shared/flows/parse';
import { HttpError } from '../../lib/http-error';
import { findVersion, type VersionRow } from './repository';

/**
 * A document ready to freeze: with its content hash, computed before any transaction opens
 * (it awaits Web Crypto), and the YAML text it was written as, when there is one.
 */
export type HashedDocument = { document: IntegrationDocument; hash: string; yaml: string | null };

export const hashed = async (document: IntegrationDocument, yaml: string | null = null): Promise<HashedDocument> => ({ document, hash: await contentHash(document), yaml });

/**
 * Freezes a document as the integration's next version (1, 2, …) with its note and content
 * hash, available for deploying. On `db` (a transaction of the caller's, or the database).
 */
export async function insertNextVersion(
  db: Kysely<Database>,
  integrationId: string,
  { document, hash, yaml }: HashedDocument,
  by: { userId: string; note: string },
): Promise<VersionRow> {
  const latest = await db.selectFrom('integration_versions').select((eb) => eb.fn.max('version').as('v')).where('integration_id', '=', integrationId).executeTakeFirst();
  const version = Number(latest?.v ?? 0) + 1;
  await db
    .insertInto('integration_versions')
    .values({
      integration_id: integrationId,
      version,
      note: by.note,
      document: JSON.stringify(document),
      yaml,
      content_hash: hash,
      available: 1,
      template: 0,
      published_by: by.userId,
      published_at: nowIso(),
    })
    .execute();
  return (await findVersion(db, integrationId, version))!;
}

/**
 * Publishes an integration's draft, once it passes the publish-time checks (checkDocument:
 * expressions tried on each event trigger's sample payload, action inputs against the
 * catalog); otherwise a 400 `invalid_document` whose lines and columns are those of the
 * draft as YAML, the form the editor shows. Two publishes at once both read the same
 * latest number; the second then collides on the (integration, version) key and takes the next one.
 */
export async function publishDraft(
  store: Pick<Store, 'transaction'>, integrationId: string, draft: { document: IntegrationDocument; yaml: string | null }, by: { userId: string; note: string },
): Promise<VersionRow> {
  // Problems point into the text the editor shows: the draft as saved in YAML, else as written out.
  const problems = checkDocument(draft.document, { source: draft.yaml ?? toYaml(draft.document) });
  if (problems.length > 0) {
    const [first] = problems;
    const where = first!.line ? ` (line ${first!.line}, column ${first!.column} of the draft as YAML)` : '';
    throw new HttpError(400, 'invalid_document', `The draft cannot be published${where}: ${first!.message}`, {}, { line: first!.line, column: first!.column, problems: problems.slice(0, 50) });
  }
  const frozen = await hashed(draft.document, draft.yaml);
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((trx) => insertNextVersion(trx, integrationId, frozen, by));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}
