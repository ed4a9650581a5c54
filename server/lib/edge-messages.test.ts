import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

// What a person reads when the server refuses their input: the field by name and its
// limit, and waits in minutes. Never zod's own wording ("Too big: expected string to
// have <=80 characters") or a wait of "899 seconds".
let t: TestApp;
afterEach(() => t?.close());

describe('messages at the edge', () => {
  it('a name over the limit says which field and the limit', async () => {
    t = await createTestApp();
    const { token } = await t.signUp();
    const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', name: 'N'.repeat(200), credentials: { token: 'pat-na1-whatever' } } });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'invalid_request', message: 'Name is too long (80 characters at most).' });
  });

  it('an action input over the limit, or missing, is worded the same way', async () => {
    t = await createTestApp();
    const { token } = await t.signUp();
    const long = await t.call('POST', '/api/actions/github/create_issue', { token, body: { input: { repo: 'octocat/hello-world', title: 'T'.repeat(300) } } });
    expect(long.status).toBe(400);
    expect(long.json.error.message).toBe('Title is too long (256 characters at most).');
    const missing = await t.call('POST', '/api/actions/github/create_issue', { token, body: { input: { title: 'x' } } });
    expect(missing.json.error.message).toBe('Repo is required.');
  });

  it('a body that is not an object says so in words', async () => {
    t = await createTestApp();
    const res = await t.call('POST', '/api/auth/signin', { body: '[1, 2]' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('The request body should be a JSON object.');
  });

  it('too many sign-in attempts say when to try again in minutes', async () => {
    t = await createTestApp();
    await t.signUp('lock@example.com');
    let blocked;
    for (let i = 0; i < 40 && !blocked; i++) {
      const res = await t.call('POST', '/api/auth/signin', { body: { email: 'lock@example.com', password: `wrong password ${i}` } });
      if (res.status === 429) blocked = res;
    }
    expect(blocked?.json.error.message).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    const minutes = Number(/in (\d+) minute/.exec(blocked!.json.error.message)![1]);
    // The words agree with the Retry-After header, rounded up to the minute.
    expect(minutes).toBe(Math.ceil(Number(blocked!.headers.get('retry-after')) / 60));
  });
});
