import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from './http-error';

/**
 * Reads a JSON body and validates it with zod at the edge. Malformed JSON and invalid
 * fields both answer 400 with a message that names the field, never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, 'invalid_request', `${field}${issue?.message ?? 'Invalid request.'}`);
  }
  return parsed.data;
}
