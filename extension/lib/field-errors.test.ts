import { describe, expect, it } from 'vitest';
import { createConnectionSchema, credentialsSchema, updateConnectionSchema } from '@@/shared/protocol';
import { fieldErrors, maxLengthOf } from './field-errors';

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

describe('fieldErrors wording', () => {
  it('words zod’s own limits for people, naming the field', () => {
    const errors = errorsOf(createConnectionSchema.safeParse({ provider: 'hubspot', name: 'N'.repeat(200), credentials: { token: 'abcdefghij' } }));
    expect(errors).toEqual({ name: 'Name is too long (80 characters at most).' });
  });

  it('an empty email is asked for, not called invalid', () => {
    expect(errorsOf(credentialsSchema.safeParse({ email: '', password: 'long enough' }))).toEqual({ email: 'Enter your email address.' });
  });
});

describe('maxLengthOf', () => {
  it('reads the limit through optional wrappers, so inputs match the contract', () => {
    expect(maxLengthOf(createConnectionSchema.shape.name)).toBe(80);
    expect(maxLengthOf(createConnectionSchema.shape.credentials.shape.token)).toBe(4096);
    expect(maxLengthOf(credentialsSchema.shape.email)).toBe(254);
    expect(maxLengthOf(createConnectionSchema.shape.provider)).toBeUndefined();
  });
});
