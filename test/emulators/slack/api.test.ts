import { describe, expect, it } from 'vitest';
import { formPost } from '../common/oauth-test-kit';
import { createSlackEmulator } from './index';

type Slack = ReturnType<typeof createSlackEmulator>;
const authTest = (slack: Slack, token?: string) =>
  slack.app.request('/api/auth.test', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('Slack Web API', () => {
  it('reports not_authed and invalid_auth as HTTP 200 ok:false', async () => {
    const slack = createSlackEmulator();
    const missing = await authTest(slack);
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(await (await authTest(slack, 'xoxb-1-2-nope')).json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('takes the token as a form argument too', async () => {
    const slack = createSlackEmulator();
    const res = await slack.app.request('/api/auth.test', formPost({ token: slack.issueToken({ team: { id: 'T999' } }) }));
    expect((await res.json()).team_id).toBe('T999');
  });

  it('auth.revoke revokes a live token (Bearer or form token) and counts only that; dead or unknown tokens are refused', async () => {
    const slack = createSlackEmulator();
    const token = slack.issueToken();
    const dryRun = await slack.app.request('/api/auth.revoke', formPost({ token, test: '1' }));
    expect(await dryRun.json()).toEqual({ ok: true, revoked: false });
    expect((await (await authTest(slack, token)).json()).ok).toBe(true);
    expect(slack.stats.revocations).toBe(0);
    const revoke = await slack.app.request('/api/auth.revoke', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await revoke.json()).toEqual({ ok: true, revoked: true });
    expect(await (await authTest(slack, token)).json()).toEqual({ ok: false, error: 'token_revoked' });
    expect(slack.stats.revocations).toBe(1);
    const again = await slack.app.request('/api/auth.revoke', formPost({ token }));
    expect(await again.json()).toEqual({ ok: false, error: 'token_revoked' });
    const unknown = await slack.app.request('/api/auth.revoke', formPost({ token: 'xoxb-1-2-never-issued' }));
    expect(await unknown.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(slack.stats.revocations).toBe(1);
  });

  it('rate-limits per method per workspace with 429 + Retry-After', async () => {
    let now = 1_700_000_000_000;
    const slack = createSlackEmulator({ rateLimitPerMinute: { 'auth.test': 2 }, now: () => now });
    const token = slack.issueToken();
    await authTest(slack, token);
    await authTest(slack, token);
    now += 15_000;
    const refused = await authTest(slack, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
    now += 45_000;
    expect((await authTest(slack, token)).status).toBe(200);
  });

  it('failNext injects 429s and 5xx, then recovers', async () => {
    const slack = createSlackEmulator();
    const token = slack.issueToken();
    slack.failNext('/api/auth.test', 429);
    slack.failNext('/api/', 500);
    const limited = await authTest(slack, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await authTest(slack, token)).status).toBe(500);
    expect((await authTest(slack, token)).status).toBe(200);
  });

  it('answers unknown methods with unknown_method', async () => {
    const slack = createSlackEmulator();
    expect(await (await slack.app.request('/api/nope.never', { method: 'POST' })).json()).toEqual({ ok: false, error: 'unknown_method', req_method: 'nope.never' });
  });
});
