import type { Context } from 'hono';
import type { z } from 'zod';
import { issueMessage } from '../../shared/messages/zod-issues';
import { HttpError } from './http-error';
import { parseBoundedJson } from './json-depth';

/**
 * Reads a JSON body and validates it with zod at the edge. Malformed JSON, JSON nested
 * deeper than MAX_JSON_DEPTH and invalid fields all answer 400 with a message that names
 * the problem in words ("Name is too long (80 characters at most)."), never zod's own
 * wording and never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  const json = text.trim() === '' ? { ok: true as const, value: {} } : parseBoundedJson(text, 'The request body');
  if (!json.ok) throw new HttpError(400, json.code, json.message);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** A 400 for input that failed its schema: the first problem, worded for the person who sent it. */
export function invalidRequest(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  return new HttpError(400, 'invalid_request', issue ? issueMessage(issue) : 'The request is not valid.');
}
