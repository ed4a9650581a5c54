import { afterEach, describe, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem } from './password-policy';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('password policy', () => {
  it.each(['password', '12345678', 'qwertyui', 'Password1', 'iloveyou', 'baseball'])('refuses the common password %j', (password) => {
    expect(passwordProblem(password)).toMatch(/one of the most common/);
  });

  it.each(['        ', '\t\t\t\t\t\t\t\t', '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000'])('refuses a password of only whitespace %j', (password) => {
    expect(passwordProblem(password)).toBe('A password of only spaces is easy to guess. Choose another.');
  });

  it.each(['11111111', 'zzzzzzzzzzzz', '🔑🔑🔑🔑🔑🔑🔑🔑'])('refuses one repeated character %j', (password) => {
    expect(passwordProblem(password)).toBe('A password of one repeated character is easy to guess. Choose another.');
  });

  it.each(['violet staple orbit', 'correct horse battery', 'Tr0ub4dor&3x', 'aaaaaaab'])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it('bundles a list of a few thousand entries, lowercased', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(3000);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});

forEachEngine('password policy at sign-up', (engine) => {
  it('sign-up refuses a common password with a clear 400 and creates no account', async () => {
    t = await createTestApp({}, { engine });
    for (const password of ['password', '12345678', '        ', 'qwertyui', '11111111']) {
      const res = await t.call('POST', '/api/auth/signup', { body: { email: 'ada@example.com', password } });
      expect(res.status, password).toBe(400);
      expect(res.json.error.code).toBe('weak_password');
      expect(res.json.error.message).toMatch(/easy to guess|most common/);
    }
    expect(await t.deps.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await t.call('POST', '/api/auth/signup', { body: { email: 'ada@example.com', password: 'violet staple orbit' } })).status).toBe(201);
  });
});
