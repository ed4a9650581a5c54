import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../hooks/verify-result';
import { verifySlackSignature } from './webhook-verifier';

// Slack's documented vector: https://api.slack.com/authentication/verifying-requests-from-slack
const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const ts = 1531420618;
const rawBody =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const signatureHeader = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const request = { signingSecret, rawBody, timestampHeader: String(ts), signatureHeader, nowMs: ts * 1000 };

const messageOf = (result: VerifyResult) => (result.ok ? '' : result.message);
/** Re-signs the vector at another time, so only the clock check can refuse it. */
const signedAt = (seconds: number) => ({
  timestampHeader: String(seconds),
  signatureHeader: `v0=${createHmac('sha256', signingSecret).update(`v0:${seconds}:${rawBody}`).digest('hex')}`,
});

describe('verifySlackSignature', () => {
  it("accepts Slack's official vector", () => {
    expect(verifySlackSignature(request)).toEqual({ ok: true });
  });

  it('refuses a body with one byte changed, and the wrong secret', () => {
    expect(verifySlackSignature({ ...request, rawBody: rawBody.replace('foobar', 'foobaz') })).toMatchObject({ reason: 'bad_signature' });
    const wrong = verifySlackSignature({ ...request, signingSecret: '8f742231b10e8888abcd99yyyzzz85a6' });
    expect(wrong).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(messageOf(wrong)).toMatch(/WEFT_SLACK_SIGNING_SECRET/);
    expect(messageOf(wrong)).not.toContain(signingSecret);
  });

  it('refuses missing headers', () => {
    expect(verifySlackSignature({ ...request, signatureHeader: undefined })).toMatchObject({ reason: 'missing_signature' });
    expect(verifySlackSignature({ ...request, timestampHeader: undefined })).toMatchObject({ reason: 'missing_timestamp' });
  });

  it.each([['v0=zz'], [''], ['v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'], ['a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503']])(
    'refuses the malformed signature %j',
    (header) => {
      expect(verifySlackSignature({ ...request, signatureHeader: header }).ok).toBe(false);
    },
  );

  it('refuses a timestamp that is not whole seconds', () => {
    const result = verifySlackSignature({ ...request, timestampHeader: '1531420618.5' });
    expect(result).toMatchObject({ reason: 'missing_timestamp' });
    expect(messageOf(result)).toMatch(/not a Unix time in whole seconds/);
  });

  it('accepts 300 s either way, refuses 301 s old or ahead, even when correctly signed', () => {
    expect(verifySlackSignature({ ...request, ...signedAt(ts - 300) })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...request, ...signedAt(ts + 300) })).toEqual({ ok: true });
    const stale = verifySlackSignature({ ...request, ...signedAt(ts - 301) });
    expect(stale).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(messageOf(stale)).toMatch(/is 301 s old; requests older than 300 s are refused/);
    const future = verifySlackSignature({ ...request, ...signedAt(ts + 301) });
    expect(future).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(messageOf(future)).toMatch(/301 s in the future/);
  });

  it("refuses the official vector replayed later: the signature is genuine, the clock is not", () => {
    expect(verifySlackSignature({ ...request, nowMs: (ts + 412) * 1000 })).toMatchObject({ reason: 'stale_timestamp' });
  });
});
