import type { z } from 'zod';

/**
 * The contract's own zod messages ("Use at least 8 characters.") keyed by the field they
 * belong to, first message per field. Nested paths key by their top field
 * (`credentials.token` → `credentials`), which is the one a form shows.
 *
 * @example fieldErrors(credentialsSchema.safeParse({ email: 'x', password: '' }).error!) // {email: '…', password: '…'}
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
