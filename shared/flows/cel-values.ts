import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { Optional } from '@marcbachmann/cel-js';

// Values crossing into CEL and back out.
//
// In: the scope is copied into plain data only. Whole JSON numbers become CEL ints
// (BigInt) so `trigger.issue.number + 1` works as people expect (CEL has no implicit
// double + int). Objects become prototype-less maps of their own enumerable keys, so an
// expression can never reach a prototype or a method: functions, symbols and
// `undefined` are dropped, and a `__proto__` key from a JSON payload is only data.
//
// Out: CEL's ints, timestamps, durations, bytes and optionals become JSON-friendly
// values, with a budget on the total size so a small expression cannot make a huge
// output (nested lists share memory inside CEL but not once copied out).

export class ValueLimitError extends Error {}

/** Plain data for CEL; throws ValueLimitError past `maxDepth` levels. */
export function toCel(value: unknown, maxDepth: number, depth = 0): unknown {
  if (depth > maxDepth) throw new ValueLimitError(`The data is nested more than ${maxDepth} levels deep.`);
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date || value instanceof Uint8Array) return value;
      if (Array.isArray(value)) return value.filter((v) => celable(v)).map((v) => toCel(v, maxDepth, depth + 1));
      if (value instanceof Map) return toCel(Object.fromEntries(value), maxDepth, depth);
      {
        const map: Record<string, unknown> = Object.create(null);
        for (const key of Object.keys(value)) {
          const field = (value as Record<string, unknown>)[key];
          if (celable(field)) map[key] = toCel(field, maxDepth, depth + 1);
        }
        return map;
      }
    default:
      return undefined;
  }
}

function celable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** A running count of output size, shared across one render. */
export type OutputBudget = { chars: number; readonly max: number };

/** JSON-friendly copy of a CEL result, charging `budget` for its size. */
export function fromCel(value: unknown, budget: OutputBudget): unknown {
  charge(budget, 1);
  switch (typeof value) {
    case 'bigint':
      // Beyond 2^53 a number would silently change the value: give its digits instead.
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'string':
      charge(budget, value.length);
      return value;
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      return fromCelObject(value, budget);
    default:
      return null;
  }
}

function fromCelObject(value: object | null, budget: OutputBudget): unknown {
  if (value === null) return null;
  if (value instanceof UnsignedInt) return fromCel(value.valueOf(), budget);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Duration) return `${value.seconds}${value.nanos ? `.${String(value.nanos).padStart(9, '0')}` : ''}s`;
  if (value instanceof Uint8Array) return fromCel(base64(value), budget);
  if (value instanceof Optional) return value.hasValue() ? fromCel(value.value(), budget) : null;
  if (Array.isArray(value) || value instanceof Set) return [...value].map((v) => fromCel(v, budget));
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const proto = Object.getPrototypeOf(value);
  if (!(value instanceof Map) && proto !== null && proto !== Object.prototype) return String(value); // CEL type values
  const out: Record<string, unknown> = {};
  for (const [key, field] of entries) {
    const name = String(key);
    charge(budget, name.length);
    // Assigning `out.__proto__` would set the prototype; define it as the data it is.
    Object.defineProperty(out, name, { value: fromCel(field, budget), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function charge(budget: OutputBudget, chars: number) {
  budget.chars += chars;
  if (budget.chars > budget.max) throw new ValueLimitError(`The result is larger than ${budget.max} characters.`);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
