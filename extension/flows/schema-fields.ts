import type { TemplateValue } from '@@/shared/flows/document';

/**
 * The form for a step's input, read from its catalog action's JSON Schema (as
 * `GET /api/providers` serves it, or `z.toJSONSchema` of the catalog's zod input). Each
 * property becomes one field; every text a user types may hold `{{ expr }}`, so a number
 * field also takes an expression, and a value only becomes a number when it reads as one.
 */
export type FieldKind = 'text' | 'long-text' | 'number' | 'boolean' | 'choice' | 'list' | 'json';
export type FieldSpec = { key: string; label: string; kind: FieldKind; required: boolean; options?: string[]; hint?: string };

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; items?: JsonSchema; maxLength?: number; description?: string; format?: string; title?: string };

/** Strings allowed longer than this get a text area (a message body, not a repo name). */
const longText = 1000;

/** @example fieldsOf(slackPostMessage) // [{key: 'channel', kind: 'text', required: true}, {key: 'text', kind: 'long-text', …}, {key: 'link', kind: 'json'}] */
export function fieldsOf(schema: unknown): FieldSpec[] {
  const s = schema as JsonSchema;
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, prop]) => {
    const spec: FieldSpec = { key, label: prop.title ?? labelOf(key), kind: kindOf(prop), required: required.has(key) };
    if (spec.kind === 'choice') spec.options = (prop.enum ?? []).map(String);
    const hint = prop.description ?? (prop.format === 'date-time' ? 'A date and time, e.g. 2026-05-01T09:00:00Z' : undefined);
    if (hint) spec.hint = hint;
    return spec;
  });
}

function kindOf(prop: JsonSchema): FieldKind {
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
  if (prop.enum && prop.enum.every((v) => typeof v === 'string')) return 'choice';
  if (type === 'string') return (prop.maxLength ?? 0) > longText ? 'long-text' : 'text';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'array' && (prop.items?.type === 'string' || prop.items?.type === 'integer' || prop.items?.type === 'number')) return 'list';
  return 'json';
}

/** `threadTs` → "Thread ts", `due_date` → "Due date". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the field shows for the document's value (undefined: empty). */
export function textOf(spec: FieldSpec, value: TemplateValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (spec.kind === 'list' && Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  if (spec.kind === 'json' || typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * The document's value for what the user typed: undefined when the field is empty (the
 * key is left out), a number for a number, a list from one item per line, JSON parsed
 * when it parses. Anything else stays the text typed (an expression, or a mistake the
 * publish-time check names).
 */
export function valueOf(spec: FieldSpec, text: string): TemplateValue | undefined {
  if (text.trim() === '') return undefined;
  switch (spec.kind) {
    case 'number':
      return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'list':
      return text.split('\n').map((line) => line.trim()).filter(Boolean);
    case 'json':
      try {
        return JSON.parse(text) as TemplateValue;
      } catch {
        return text;
      }
    default:
      return text;
  }
}
