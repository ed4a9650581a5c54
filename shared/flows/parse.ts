import { isAlias, LineCounter, parseDocument, visit } from 'yaml';
import { integrationDocument, LIMITS, type IntegrationDocument } from './document';
import { referenceProblems } from './references';
import { schemaProblems } from './schema-problems';
import { SourcePositions, type Position } from './source-positions';
import { droppedFields } from './unknown-fields';
import type { DocPath } from './walk-document';

export { toYaml } from './to-yaml';

// Reading an integration document from text, YAML or JSON, as the API, the editor and
// import all do. Each problem says what is wrong and where: its path in the document and
// its line and column in the text as sent, for syntax errors, schema errors and broken
// references alike. Bounds come first, so hostile text costs little: the size
// (LIMITS.documentBytes), YAML aliases (a "billion laughs" is refused while being
// expanded, after MAX_ALIASES), and nesting (before zod recurses into it).

export type DocumentProblem = { message: string; path?: DocPath; line?: number; column?: number };
export type ParseResult = { ok: true; document: IntegrationDocument } | { ok: false; errors: DocumentProblem[] };

/** Alias expansions one document may make: far more than a hand-written file uses, far fewer than a bomb needs. */
const MAX_ALIASES = 100;
/** Nesting of the parsed value: the schema's own shape needs about 30 with steps nested 5 deep. */
const MAX_DEPTH = 100;
/** Problems reported at once; a wholly wrong document would otherwise list thousands. */
const MAX_PROBLEMS = 50;

/**
 * @example parseIntegrationText('weft: integration/v1\nname: 7\n', 'application/yaml')
 * // { ok: false, errors: [{ message: 'Name should be text.', path: ['name'], line: 2, column: 7 }, …] }
 */
export function parseIntegrationText(text: string, contentType: string): ParseResult {
  const format = formatOf(contentType);
  if (!format) return failed([{ message: `Send the document as YAML (application/yaml) or JSON (application/json), not ${contentType || 'without a content type'}.` }]);
  if (text.length > LIMITS.documentBytes || new TextEncoder().encode(text).length > LIMITS.documentBytes) {
    return failed([{ message: `The document is larger than ${LIMITS.documentBytes / 1024} KiB.` }]);
  }
  const positions = new SourcePositions(text);
  try {
    const read = format === 'json' ? readJson(text, positions) : readYaml(positions);
    if ('errors' in read) return failed(read.errors);
    const { value } = read;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return failed([{ message: 'The document should be a map with weft: integration/v1, a name and flows.', ...positions.of([]) }]);
    }
    const deep = tooDeep(value);
    if (deep) return failed([{ message: `The document is nested more than ${MAX_DEPTH} levels deep.`, path: deep, ...positions.of(deep) }]);
    if (format === 'json') {
      // JSON.parse keeps the last of two equal keys; refuse the ambiguity, as YAML does.
      const duplicate = positions.document.errors.find((e) => e.code === 'DUPLICATE_KEY');
      if (duplicate) return failed([{ message: duplicate.message.split('\n')[0]!, ...positions.at(duplicate.pos[0]) }]);
    }
    const parsed = integrationDocument.safeParse(value);
    if (!parsed.success) return failed(schemaProblems(parsed.error.issues, value).map((p) => ({ ...p, ...positions.of(p.path) })));
    const dropped = droppedFields(value, parsed.data);
    if (dropped.length) return failed(dropped.map((p) => ({ ...p, ...positions.ofKey(p.path) })));
    const problems = referenceProblems(parsed.data);
    if (problems.length) return failed(problems.map(({ offset, ...p }) => ({ ...p, ...positions.of(p.path, offset) })));
    return { ok: true, document: parsed.data };
  } catch (error) {
    if (error instanceof RangeError) return failed([{ message: 'The document is nested too deeply to read.' }]);
    throw error;
  }
}

/** How a request with this content type is read: JSON, YAML, or neither (refused). */
export function formatOf(contentType: string): 'json' | 'yaml' | undefined {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  if (['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'].includes(type) || type.endsWith('+yaml')) return 'yaml';
  return undefined;
}

type Read = { value: unknown } | { errors: DocumentProblem[] };

function readYaml(positions: SourcePositions): Read {
  const doc = positions.document;
  // Warnings too: an unknown tag (`!!js/function`) would otherwise quietly become a string.
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length) return { errors: syntax.map((e) => ({ message: yamlMessage(e.message), ...positions.at(e.pos[0]) })) };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { errors: [{ message: `The document expands its aliases (*name) more than ${MAX_ALIASES} times; write the repeated parts out instead.`, ...firstAlias(positions) }] };
  }
}

function yamlMessage(message: string): string {
  // The parser survives its own stack overflow on deep nesting and reports it as an error.
  if (message.includes('Maximum call stack')) return 'The document is nested too deeply to read.';
  return message.split('\n')[0]!;
}

function firstAlias(positions: SourcePositions): Position {
  let offset: number | undefined;
  visit(positions.document, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? {} : positions.at(offset);
}

function readJson(text: string, positions: SourcePositions): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const what = message.replace(/ in JSON at position.*$/s, '');
    if (offset !== undefined) return { errors: [{ message: `Not valid JSON: ${what}.`, ...positions.at(Number(offset)) }] };
    // V8 says only "Unexpected token" for some errors, naming a character near the fault.
    return { errors: [{ message: 'Not valid JSON here.', ...jsonErrorPosition(text) }] };
  }
  return { value };
}

/** Where a JSON syntax error is, when the engine's message does not say ("Unexpected token"). */
function jsonErrorPosition(text: string): Position {
  // YAML's JSON schema refuses what JSON does not allow (`tru`, `NaN`) and says where.
  const lineCounter = new LineCounter();
  const strict = parseDocument(text, { schema: 'json', lineCounter, prettyErrors: false });
  const error = strict.errors[0] ?? strict.warnings[0];
  if (!error) return {};
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { line, column: col };
}

/** The path of a value nested deeper than MAX_DEPTH, found without recursion. */
function tooDeep(root: object): DocPath | undefined {
  const stack: { value: unknown; path: DocPath }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) return path.slice(0, MAX_DEPTH);
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return undefined;
}

function failed(errors: DocumentProblem[]): ParseResult {
  return { ok: false, errors: errors.slice(0, MAX_PROBLEMS) };
}
