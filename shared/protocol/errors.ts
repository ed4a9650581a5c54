import { z } from 'zod';

/** Every 4xx/5xx body the server sends: `{error: {code, message}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    /** Stable, machine-readable: `invalid_request`, `unauthorized`, `not_found`, … */
    code: z.string(),
    /** A sentence a user can act on. */
    message: z.string(),
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
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
