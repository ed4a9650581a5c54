import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from './test-app';

forEachEngine('the test app', (engine) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('signs a user up and answers who they are, on its own database', async () => {
    t = await createTestApp({}, { engine });
    expect(t.deps.store.engine).toBe(engine);
    const { token, user } = await t.signUp('pat@example.com');
    const me = await t.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: user.id, email: 'pat@example.com' });
  });
});
