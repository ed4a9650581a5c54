import { describe, expect, it } from 'vitest';
import { createConnectionSchema, credentialsSchema, updateConnectionSchema } from '@@/shared/protocol';
import { fieldErrors } from './field-errors';

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

describe('fieldErrors', () => {
  it('keys the contract messages by field, first one each', () => {
    const errors = errorsOf(credentialsSchema.safeParse({ email: 'nope', password: 'short' }));
    expect(errors).toEqual({ email: 'Enter a valid email address.', password: 'Use at least 8 characters.' });
  });

  it('keys nested fields by their top field', () => {
    const errors = errorsOf(createConnectionSchema.safeParse({ provider: 'hubspot', credentials: { token: 'x' } }));
    expect(errors).toEqual({ credentials: 'Paste the whole token.' });
  });

  it('puts whole-object refinements under "form"', () => {
    expect(errorsOf(updateConnectionSchema.safeParse({}))).toEqual({ form: 'Send a name or new credentials.' });
  });
});
