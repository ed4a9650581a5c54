import { stringify } from 'yaml';
import type { IntegrationDocument } from './document';

/**
 * A document as YAML, the format people read, diff and export. Reading it back gives the
 * same document (parse.test.ts checks that round trip): no anchors or aliases are made
 * for repeated values, and long lines are not folded, so a diff of two versions shows
 * only what changed.
 *
 * @example toYaml(document) // 'weft: integration/v1\nname: Urgent bugs to Slack\n…'
 */
export function toYaml(document: IntegrationDocument): string {
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
