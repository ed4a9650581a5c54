import type { z } from 'zod';
import { issueMessage } from '@@/shared/messages/zod-issues';

/**
 * A form's input checked against the contract, its problems keyed by the field they
 * belong to (first one per field), worded as the server would word them ("Name is too
 * long (80 characters at most)."). Nested paths key by their top field
 * (`credentials.token` → `credentials`), which is the one a form shows.
 *
 * @example fieldErrors(credentialsSchema.safeParse({ email: 'x', password: '' }).error!) // {email: '…', password: '…'}
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issueMessage(issue);
  }
  return errors;
}

/** The schema's length limit for a text field, for the input's `maxLength`: the form can't take more than the contract accepts. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let inner: unknown = schema;
  // Optional and default wrappers hide the string schema: unwrap them.
  while (inner && typeof inner === 'object' && 'unwrap' in inner && typeof inner.unwrap === 'function') inner = inner.unwrap();
  const max = (inner as { maxLength?: number | null } | undefined)?.maxLength;
  return typeof max === 'number' ? max : undefined;
}
