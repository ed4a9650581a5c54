import type { IntegrationDocument } from '../../../shared/flows/document';
import { toYaml } from '../../../shared/flows/parse';
import type { VersionRow } from './repository';

/**
 * A version's document as YAML, the form it is exported and imported in: the text it was
 * published from, comments kept, or else written out from its document. Either way,
 * posting it back to `POST /api/integrations` gives the same document (the same content hash).
 */
export function versionYaml(row: VersionRow): string {
  return row.yaml ?? toYaml(JSON.parse(row.document) as IntegrationDocument);
}
