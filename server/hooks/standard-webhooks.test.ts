import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateWebhookSecret, signStandardWebhook, verifyStandardWebhook } from './standard-webhooks';
import type { VerifyResult } from './verify-result';

// The spec's vector: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const ts = 1614265330;
const rawBody = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const request = { secret, rawBody, headers: { id, timestamp: String(ts), signature }, nowMs: 1614265330000 };

const messageOf = (result: VerifyResult) => (result.ok ? '' : result.message);
const withHeaders = (headers: Partial<typeof request.headers>) => ({ ...request, headers: { ...request.headers, ...headers } });
const signedAt = (seconds: number) => withHeaders({ timestamp: String(seconds), signature: signStandardWebhook({ secret, id, timestamp: seconds, body: rawBody }) });

describe('verifyStandardWebhook', () => {
  it("signs and accepts the spec's vector", () => {
    expect(signStandardWebhook({ secret, id, timestamp: ts, body: rawBody })).toBe(signature);
    expect(verifyStandardWebhook(request)).toEqual({ ok: true });
  });

  it('refuses one byte of body changed, the wrong secret, another message id', () => {
    expect(verifyStandardWebhook({ ...request, rawBody: '{"test": 2432232315}' })).toMatchObject({ reason: 'bad_signature' });
    const wrong = verifyStandardWebhook({ ...request, secret: generateWebhookSecret() });
    expect(wrong).toMatchObject({ reason: 'bad_signature' });
    expect(messageOf(wrong)).not.toContain(signature.slice(3));
    expect(verifyStandardWebhook(withHeaders({ id: 'msg_other' }))).toMatchObject({ reason: 'bad_signature' });
  });

  it('passes when one entry of a rotation list matches, whatever its position', () => {
    const other = signStandardWebhook({ secret: generateWebhookSecret(), id, timestamp: ts, body: rawBody });
    expect(verifyStandardWebhook(withHeaders({ signature: `${other} ${signature}` }))).toEqual({ ok: true });
    expect(verifyStandardWebhook(withHeaders({ signature: `v1a,bm90IGFuIGVkMjU1MTkgc2ln ${signature} v1,zz` }))).toEqual({ ok: true });
    expect(verifyStandardWebhook(withHeaders({ signature: `${other} v1,zz` }))).toMatchObject({ reason: 'bad_signature' });
  });

  it('refuses missing and malformed headers', () => {
    expect(verifyStandardWebhook(withHeaders({ signature: undefined }))).toMatchObject({ reason: 'missing_signature' });
    expect(verifyStandardWebhook(withHeaders({ signature: '' }))).toMatchObject({ reason: 'missing_signature' });
    expect(verifyStandardWebhook(withHeaders({ id: undefined }))).toMatchObject({ reason: 'missing_signature' });
    expect(verifyStandardWebhook(withHeaders({ timestamp: undefined }))).toMatchObject({ reason: 'missing_timestamp' });
    expect(verifyStandardWebhook(withHeaders({ timestamp: 'yesterday' }))).toMatchObject({ reason: 'missing_timestamp' });
    // Without the version prefix, or with only versions we do not check.
    expect(verifyStandardWebhook(withHeaders({ signature: signature.slice(3) }))).toMatchObject({ reason: 'bad_signature' });
    expect(verifyStandardWebhook(withHeaders({ signature: 'v1a,abc v2,def' }))).toMatchObject({ reason: 'bad_signature' });
  });

  it('accepts 300 s either way, refuses 301 s old or ahead', () => {
    expect(verifyStandardWebhook(signedAt(ts - 300))).toEqual({ ok: true });
    expect(verifyStandardWebhook(signedAt(ts + 300))).toEqual({ ok: true });
    const stale = verifyStandardWebhook(signedAt(ts - 301));
    expect(stale).toMatchObject({ reason: 'stale_timestamp' });
    expect(messageOf(stale)).toMatch(/webhook-timestamp is 301 s old; requests older than 300 s are refused/);
    expect(verifyStandardWebhook(signedAt(ts + 301))).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('throws on a secret that decodes to nothing', () => {
    expect(() => verifyStandardWebhook({ ...request, secret: 'whsec_' })).toThrow(/empty or not base64/);
  });
});

describe('generateWebhookSecret', () => {
  it('is whsec_ + base64 of 24 random bytes, different each time', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

// The reference library cannot take an injected clock (why we do not call it), but with a
// faked system clock it can still check that both implementations agree.
describe('agreement with the standardwebhooks package', () => {
  afterEach(() => vi.useRealTimers());

  it('signs like it, and it accepts what we sign', () => {
    vi.useFakeTimers({ now: request.nowMs });
    const reference = new Webhook(secret);
    for (const body of [rawBody, '', '{"emoji":"🧵","nested":{"a":[1,2]}}']) {
      const ours = signStandardWebhook({ secret, id, timestamp: ts, body });
      expect(ours).toBe(reference.sign(id, new Date(ts * 1000), body));
      expect(() => reference.verify(body, { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': ours }, { jsonParse: false })).not.toThrow();
    }
  });
});
