import type { Context } from 'hono';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { formatOf, parseIntegrationText } from '../../../shared/flows/parse';
import { HttpError } from '../../lib/http-error';

/**
 * The integration document a request carries: YAML (`content-type: application/yaml`) or
 * JSON (the default), read by the parser the editor uses too. Anything that does not parse,
 * fit the schema or hold together (references, catalog actions, expressions) is a 400
 * `invalid_document` whose `line` and `column` point at the first problem in the text as
 * sent, with every problem found in `problems`; nothing is stored.
 */
export async function readDocumentBody(c: Context): Promise<{ document: IntegrationDocument; yaml: string | null }> {
  const text = await c.req.text();
  if (text.trim() === '') throw new HttpError(400, 'invalid_document', 'Send the integration document, as YAML or JSON.');
  const contentType = c.req.header('content-type') || 'application/json';
  const parsed = parseIntegrationText(text, contentType);
  // YAML is kept as sent too (its comments), for the editor to open as it was written.
  if (parsed.ok) return { document: parsed.document, yaml: formatOf(contentType) === 'yaml' ? text : null };
  const [first] = parsed.errors;
  const where = first?.line ? ` (line ${first.line}, column ${first.column})` : '';
  throw new HttpError(400, 'invalid_document', `The document is not a valid integration${where}: ${first?.message ?? 'it could not be read.'}`, {}, {
    line: first?.line,
    column: first?.column,
    problems: parsed.errors,
  });
}
