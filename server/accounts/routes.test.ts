import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('accounts', (engine) => {
  it('signs up, reads /me with the Bearer token, signs out and the token stops working', async () => {
    t = await createTestApp({}, { engine });
    const up = await t.call('POST', '/api/auth/signup', { body: { email: 'Ada@Example.com', password: 'long enough pw' } });
    expect(up.status).toBe(201);
    expect(up.json.user.email).toBe('ada@example.com');
    expect(up.json.user.workspaceId).toMatch(/^wsp_/);
    const token = up.json.token as string;

    const me = await t.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.user).toEqual(up.json.user);

    expect((await t.call('POST', '/api/auth/signout', { token })).status).toBe(200);
    const after = await t.call('GET', '/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthorized');
  });

  it('signs in with the right password and gives one message for a wrong password or unknown email', async () => {
    t = await createTestApp({}, { engine });
    await t.call('POST', '/api/auth/signup', { body: { email: 'bo@example.com', password: 'right password' } });
    const ok = await t.call('POST', '/api/auth/signin', { body: { email: 'bo@example.com', password: 'right password' } });
    expect(ok.status).toBe(200);
    expect(ok.json.token).toBeTypeOf('string');

    const wrongPassword = await t.call('POST', '/api/auth/signin', { body: { email: 'bo@example.com', password: 'wrong password' } });
    const unknownEmail = await t.call('POST', '/api/auth/signin', { body: { email: 'nobody@example.com', password: 'right password' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.json).toEqual(unknownEmail.json);
    expect(wrongPassword.json.error.message).toBe('Email or password is incorrect.');
  });

  it('refuses a second account with the same email and stores no plain password', async () => {
    t = await createTestApp({}, { engine });
    await t.call('POST', '/api/auth/signup', { body: { email: 'cy@example.com', password: 'first password' } });
    const again = await t.call('POST', '/api/auth/signup', { body: { email: 'CY@example.com', password: 'second password' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('email_taken');
    const row = await t.deps.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('first password');
  });

  it('answers bad input with 400 and a message naming the field', async () => {
    t = await createTestApp({}, { engine });
    const badEmail = await t.call('POST', '/api/auth/signup', { body: { email: 'not-an-email', password: 'long enough' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.error.message).toBe('Enter a valid email address.');
    const short = await t.call('POST', '/api/auth/signup', { body: { email: 'd@example.com', password: 'short' } });
    expect(short.json.error.message).toBe('Use at least 8 characters.');
    const malformed = await t.call('POST', '/api/auth/signin', { body: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalid_json');
  });

  it('rate-limits sign-in attempts per address and account, even with the right password after the limit', async () => {
    t = await createTestApp({}, { engine });
    await t.call('POST', '/api/auth/signup', { body: { email: 'eve@example.com', password: 'right password' } });
    for (let i = 0; i < 10; i++) {
      const r = await t.call('POST', '/api/auth/signin', { body: { email: 'eve@example.com', password: `guess ${i}xx` } });
      expect(r.status).toBe(401);
    }
    const blocked = await t.call('POST', '/api/auth/signin', { body: { email: 'eve@example.com', password: 'right password' } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected by eve's lock-out.
    await t.call('POST', '/api/auth/signup', { body: { email: 'fay@example.com', password: 'right password' } });
    expect((await t.call('POST', '/api/auth/signin', { body: { email: 'fay@example.com', password: 'right password' } })).status).toBe(200);
  });

  it('rate-limits per IP across many emails', async () => {
    t = await createTestApp({}, { engine });
    let last = 0;
    for (let i = 0; i < 61; i++) {
      last = (await t.call('POST', '/api/auth/signin', { body: { email: `spray${i}@example.com`, password: 'whatever12' } })).status;
    }
    expect(last).toBe(429);
  });

  it('rejects requests to protected routes without a valid token', async () => {
    t = await createTestApp({}, { engine });
    for (const [method, path] of [['GET', '/api/connections'], ['GET', '/api/auth/me'], ['POST', '/api/connections']] as const) {
      const none = await t.call(method, path);
      expect(none.status).toBe(401);
      const forged = await t.call(method, path, { token: 'not-a-real-session-token' });
      expect(forged.status).toBe(401);
    }
  });
});
