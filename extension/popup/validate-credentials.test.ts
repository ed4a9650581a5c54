import { describe, expect, it } from 'vitest';
import { validateCredentials } from './validate-credentials';

describe('validateCredentials', () => {
  it('normalises the email before sending it', () => {
    expect(validateCredentials('signin', { email: '  Ada@Example.COM ', password: 'x' })).toEqual({
      ok: true,
      credentials: { email: 'ada@example.com', password: 'x' },
    });
  });

  it('holds sign-up to the contract password rule, sign-in only to "not empty"', () => {
    expect(validateCredentials('signup', { email: 'ada@example.com', password: 'short' })).toEqual({
      ok: false,
      errors: { password: 'Use at least 8 characters.' },
    });
    expect(validateCredentials('signin', { email: 'ada@example.com', password: '' })).toEqual({
      ok: false,
      errors: { password: 'Enter your password.' },
    });
  });

  it('reports a bad email', () => {
    expect(validateCredentials('signin', { email: 'ada', password: 'whatever1' })).toMatchObject({
      errors: { email: 'Enter a valid email address.' },
    });
  });
});
