import { z } from 'zod';
import { documentProblemSchema, instanceRefSchema } from './flows';

/** Every 4xx/5xx body the server sends: `{error: {code, message}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    /** Stable, machine-readable: `invalid_request`, `unauthorized`, `not_found`, … */
    code: z.string(),
    /** A sentence a user can act on. */
    message: z.string(),
    /** `invalid_document`: where the first problem is (1-based), and every problem found. */
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
    problems: z.array(documentProblemSchema).optional(),
    /** `connection_in_use`: the flow instances that use the connection. */
    instances: z.array(instanceRefSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const errorCodes = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'invalid_credentials',
  'email_taken',
  'weak_password',
  'rate_limited',
  'not_found',
  'not_configured',
  'invalid_signature',
  'payload_too_large',
  'provider_rejected',
  'provider_unavailable',
  /** The provider answered, but not in the shape Weft expects: nothing of it is passed on. */
  'provider_bad_answer',
  'conflict',
  /** The server cannot reach its database right now (503): nothing was completed; try again shortly. */
  'database_unavailable',
  'not_connected',
  'connection_expired',
  /** An integration document (YAML or JSON) that does not parse or check: 400 with `line`, `column`, `problems`. */
  'invalid_document',
  /** A connection flow instances use: 409 with `instances`; send `?force=1` to delete it and pause them. */
  'connection_in_use',
  /** A version marked unavailable cannot be deployed or upgraded to (409). */
  'version_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
