import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from './http-error';
import { parseBoundedJson } from './json-depth';

/**
 * Reads a JSON body and validates it with zod at the edge. Malformed JSON, JSON nested
 * deeper than MAX_JSON_DEPTH and invalid fields all answer 400 with a message that names
 * the problem, never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  const json = text.trim() === '' ? { ok: true as const, value: {} } : parseBoundedJson(text, 'The request body');
  if (!json.ok) throw new HttpError(400, json.code, json.message);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, 'invalid_request', `${field}${issue?.message ?? 'Invalid request.'}`);
  }
  return parsed.data;
}
