import type { DocPath } from './walk-document';

// The schema's objects drop fields they do not know, so a typo (`iff:`, `conection:`)
// or a second kind on one step (`delay:` beside `http:`) would vanish without a word.
// Comparing what was sent with what the schema kept finds each dropped field, so it can
// be refused where it was written. Free-form maps (step input, headers, inputSchema)
// keep every key and never show up here.

const STEP_KINDS = new Set(['action', 'http', 'webhook', 'delay', 'branch', 'forEach']);

export type DroppedField = { message: string; path: DocPath };

export function droppedFields(sent: unknown, kept: unknown, path: DocPath = []): DroppedField[] {
  if (!isObject(sent) || !isObject(kept)) return [];
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => droppedFields(item, kept[i], [...path, i]));
  const out: DroppedField[] = [];
  for (const key of Object.keys(sent)) {
    if (!Object.hasOwn(kept, key)) out.push({ message: messageFor(key, kept, path), path: [...path, key] });
    else out.push(...droppedFields((sent as Record<string, unknown>)[key], (kept as Record<string, unknown>)[key], [...path, key]));
  }
  return out;
}

function messageFor(key: string, kept: object, path: DocPath): string {
  const inStep = path.at(-2) === 'steps';
  const kind = Object.keys(kept).find((k) => STEP_KINDS.has(k));
  if (inStep && kind && STEP_KINDS.has(key)) return `A step is one kind only, but this one has ${kind} and ${key}.`;
  return `Unknown field "${key}": it would be ignored. Fields here: ${Object.keys(kept).join(', ')}.`;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
