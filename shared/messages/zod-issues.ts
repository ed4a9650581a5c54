import type { z } from 'zod';

type Issue = z.ZodError['issues'][number];

/**
 * zod's built-in English messages ("Too big: expected string to have <=80 characters",
 * "Invalid input: expected string, received undefined"). A schema's own message
 * ("Give it a name.") never starts like these, so it is kept as written.
 */
const builtIn = /^(Too (big|small)|Invalid|Unrecognized key|Expected)/;

/**
 * One zod issue as a sentence for the person who filled the form: the field by its name,
 * what is wrong and the limit, e.g. "Name is too long (80 characters at most)." The
 * server's edge and the extension's forms both use it, so a field says the same thing
 * whichever side caught it.
 *
 * @example issueMessage({ code: 'too_big', origin: 'string', maximum: 80, path: ['name'], message: '…' }) // 'Name is too long (80 characters at most).'
 */
export function issueMessage(issue: Issue): string {
  if (!builtIn.test(issue.message)) return issue.message;
  const field = fieldLabel(issue.path);
  const subject = field ?? 'The request';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `${subject} is too long (${plural(issue.maximum, 'character')} at most).`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `${subject} has too many entries (${plural(issue.maximum, 'entry', 'entries')} at most).`
          : `${subject} must be ${String(issue.maximum)} or less.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? `${subject} is required.` : `${subject} is too short (at least ${plural(issue.minimum, 'character')}).`;
      }
      return issue.origin === 'array' || issue.origin === 'set'
        ? `${subject} needs at least ${plural(issue.minimum, 'entry', 'entries')}.`
        : `${subject} must be ${String(issue.minimum)} or more.`;
    case 'invalid_type':
      // zod reports a missing field as "received undefined".
      if (/received undefined$/.test(issue.message)) return field ? `${field} is required.` : 'The request body is missing.';
      return field ? `${field} should be ${typeName(issue.expected)}.` : `The request body should be ${typeName(issue.expected)}.`;
    case 'invalid_format':
      return `${subject} is not a valid ${formatName(issue.format)}.`;
    case 'invalid_value':
      return `${subject} must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
    default:
      return field ? `${field} is not valid.` : 'The request is not valid.';
  }
}

/**
 * `['input', 'closeDate']` → "Close date"; `['credentials', 'token']` → "Token";
 * `['labels', 2]` → "Labels (entry 3)". The envelope names (`input`, `credentials`) are
 * the API's, not the user's, so the last named segment speaks for the field.
 */
export function fieldLabel(path: readonly PropertyKey[]): string | undefined {
  const named = path.filter((p): p is string => typeof p === 'string');
  const last = named.at(-1);
  if (last === undefined) return undefined;
  const index = path.at(-1);
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return typeof index === 'number' ? `${label} (entry ${index + 1})` : label;
}

function plural(n: number | bigint, one: string, many = `${one}s`): string {
  return `${String(n)} ${Number(n) === 1 ? one : many}`;
}

const typeNames: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'a JSON object', array: 'a list' };
const typeName = (expected: string) => typeNames[expected] ?? expected;

const formatNames: Record<string, string> = { email: 'email address', url: 'URL (https://…)', uuid: 'id', datetime: 'date and time (ISO 8601)', date: 'date (YYYY-MM-DD)', regex: 'value' };
const formatName = (format: string) => formatNames[format] ?? format;
