import { z } from 'zod';
import { credentialsSchema, type Credentials } from '@@/shared/protocol';
import { fieldErrors } from '@/lib/field-errors';

export type AuthMode = 'signin' | 'signup';

// Signing in with an old, shorter password must still reach the server; only sign-up
// enforces the contract's password rule.
const signInSchema = credentialsSchema.extend({ password: z.string().min(1, 'Enter your password.').max(256) });

/** The form's input checked against the contract before anything is sent. */
export function validateCredentials(
  mode: AuthMode,
  input: { email: string; password: string },
): { ok: true; credentials: Credentials } | { ok: false; errors: Record<string, string> } {
  const result = (mode === 'signup' ? credentialsSchema : signInSchema).safeParse(input);
  return result.success ? { ok: true, credentials: result.data } : { ok: false, errors: fieldErrors(result.error) };
}
