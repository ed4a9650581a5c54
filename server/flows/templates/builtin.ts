import { readFileSync } from 'node:fs';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { parseIntegrationText } from '../../../shared/flows/parse';

/** The gallery Weft ships: one YAML file each under builtin/, named by its slug. Listed, not scanned, so a stray file is never offered. */
export const BUILTIN_TEMPLATE_SLUGS = ['github-urgent-bug-to-slack', 'hubspot-deal-won-to-slack', 'github-issue-customer-to-hubspot'] as const;

export interface BuiltinTemplate {
  slug: string;
  document: IntegrationDocument;
}

export const builtinTemplateFile = (slug: string) => new URL(`./builtin/${slug}.yaml`, import.meta.url);

let loaded: BuiltinTemplate[] | undefined;

/**
 * The built-in templates, read and checked once. A file that is not a valid document is
 * a bug in this release, so it throws with the file and the problem (a test reads every
 * file the same way, against the schema and the catalog).
 */
export function builtinTemplates(): BuiltinTemplate[] {
  loaded ??= BUILTIN_TEMPLATE_SLUGS.map((slug) => {
    const parsed = parseIntegrationText(readFileSync(builtinTemplateFile(slug), 'utf8'), 'application/yaml');
    if (!parsed.ok) throw new Error(`Built-in template ${slug}.yaml is not a valid integration: ${JSON.stringify(parsed.errors)}`);
    return { slug, document: parsed.document };
  });
  return loaded;
}
