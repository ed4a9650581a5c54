/**
 * The popup's form for a manual flow's input, built from the trigger's `inputSchema`
 * (JSON Schema, written by the flow's author). The form covers what a person can type:
 * an object whose properties are strings (a list when it has an `enum`, a text area when
 * long), numbers, integers and booleans; any other property (a list, an object) is a
 * text area that takes JSON. What the person typed is checked here against the same
 * schema words (required, enum, min/max, lengths), each problem named on its field.
 */

export type InputFieldKind = 'text' | 'textarea' | 'select' | 'number' | 'integer' | 'checkbox' | 'json';

export type InputField = {
  key: string;
  label: string;
  kind: InputFieldKind;
  required: boolean;
  description: string | null;
  /** `select` only. */
  options: string[];
  maxLength: number | null;
  minLength: number | null;
  minimum: number | null;
  maximum: number | null;
  /** What the field holds when the form opens, as the form holds it. */
  initial: string | boolean;
};

/** What the form holds, by key: text for every kind but `checkbox`. */
export type FormValues = Record<string, string | boolean>;

/** Fields beyond this many are not offered (a schema is the author's, not the user's: keep the popup usable). */
const maxFields = 30;
/** A string longer than this is written in a text area. */
const longText = 200;

/**
 * The fields of a flow's form; none for a flow without an input schema (or with no
 * properties), which runs with `{}`.
 *
 * @example inputFields({ type: 'object', properties: { reason: { type: 'string', title: 'Reason' } }, required: ['reason'] })
 * // [{key: 'reason', label: 'Reason', kind: 'text', required: true, …}]
 */
export function inputFields(schema: Record<string, unknown> | null): InputField[] {
  const properties = schema && isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema?.required) ? schema.required.filter((k): k is string => typeof k === 'string') : []);
  return Object.entries(properties)
    .slice(0, maxFields)
    .map(([key, raw]) => field(key, isRecord(raw) ? raw : {}, required.has(key)));
}

function field(key: string, prop: Record<string, unknown>, required: boolean): InputField {
  const options = Array.isArray(prop.enum) ? prop.enum.filter((v): v is string => typeof v === 'string') : [];
  const maxLength = num(prop.maxLength);
  const kind = kindOf(prop, options, maxLength);
  return {
    key,
    label: typeof prop.title === 'string' && prop.title.trim() ? prop.title.trim() : labelOf(key),
    kind,
    required,
    description: typeof prop.description === 'string' && prop.description.trim() ? prop.description.trim() : null,
    options,
    maxLength,
    minLength: num(prop.minLength),
    minimum: num(prop.minimum),
    maximum: num(prop.maximum),
    initial: initialOf(kind, prop.default),
  };
}

function kindOf(prop: Record<string, unknown>, options: string[], maxLength: number | null): InputFieldKind {
  switch (prop.type) {
    case 'string':
      if (options.length) return 'select';
      return maxLength === null || maxLength > longText ? 'textarea' : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'checkbox';
    case undefined:
      return options.length ? 'select' : 'json';
    default:
      return 'json';
  }
}

function initialOf(kind: InputFieldKind, value: unknown): string | boolean {
  if (kind === 'checkbox') return value === true;
  if (value === undefined) return '';
  if (kind === 'json') return JSON.stringify(value);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function initialValues(fields: readonly InputField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.key, f.initial]));
}

export type InputResult = { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * The flow's input from what the form holds, or a sentence per field that is wrong. An
 * empty optional field is left out (not sent as '').
 *
 * @example inputFromForm(fields, { reason: '', count: 'x' }) // {ok: false, errors: {reason: 'Reason is required.', count: 'Count must be a number.'}}
 */
export function inputFromForm(fields: readonly InputField[], values: FormValues): InputResult {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.key] ?? f.initial;
    if (f.kind === 'checkbox') {
      input[f.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') {
      if (f.required) errors[f.key] = `${f.label} is required.`;
      continue;
    }
    const parsed = parseValue(f, text);
    if ('error' in parsed) errors[f.key] = parsed.error;
    else input[f.key] = parsed.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}

function parseValue(f: InputField, text: string): { value: unknown } | { error: string } {
  switch (f.kind) {
    case 'number':
    case 'integer': {
      const n = Number(text.trim());
      if (!Number.isFinite(n)) return { error: `${f.label} must be a number.` };
      if (f.kind === 'integer' && !Number.isInteger(n)) return { error: `${f.label} must be a whole number.` };
      if (f.minimum !== null && n < f.minimum) return { error: `${f.label} must be at least ${f.minimum}.` };
      if (f.maximum !== null && n > f.maximum) return { error: `${f.label} must be at most ${f.maximum}.` };
      return { value: n };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: `${f.label} must be JSON, e.g. ["a", "b"] or {"key": "value"}.` };
      }
    case 'select':
      return f.options.includes(text) ? { value: text } : { error: `Choose one of the listed values for ${f.label}.` };
    default:
      if (f.maxLength !== null && text.length > f.maxLength) return { error: `${f.label} is too long (${f.maxLength} characters at most).` };
      if (f.minLength !== null && text.length < f.minLength) return { error: `${f.label} is too short (${f.minLength} characters at least).` };
      return { value: text };
  }
}

/** `threadTs` → "Thread ts", `due_date` → "Due date": a key without a `title`, as a label. */
function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
