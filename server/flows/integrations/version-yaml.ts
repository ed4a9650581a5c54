import type { IntegrationDocument } from '../../../shared/flows/document';
import { toYaml } from '../../../shared/flows/parse';
import type { VersionRow } from './repository';

/**
 * A version's document as YAML, the form it is exported and imported in: posting this
 * text back to `POST /api/integrations` gives the same document (the same content hash).
 */
export function versionYaml(row: VersionRow): string {
  return toYaml(JSON.parse(row.document) as IntegrationDocument);
}
