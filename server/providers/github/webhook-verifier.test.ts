import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../hooks/verify-result';
import { verifyGithubSignature } from './webhook-verifier';

const messageOf = (result: VerifyResult) => (result.ok ? '' : result.message);

// GitHub's documented vector: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
const secret = "It's a Secret to Everybody";
const rawBody = 'Hello, World!';
const signatureHeader = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifyGithubSignature', () => {
  it("accepts GitHub's official vector", async () => {
    expect(await verifyGithubSignature({ secret, rawBody, signatureHeader })).toEqual({ ok: true });
  });

  it('refuses a body with one byte changed, and the wrong secret', async () => {
    expect(await verifyGithubSignature({ secret, rawBody: 'Hello, World?', signatureHeader })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await verifyGithubSignature({ secret: 'another secret', rawBody, signatureHeader })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a missing header, naming what to configure', async () => {
    const result = await verifyGithubSignature({ secret, rawBody, signatureHeader: undefined });
    expect(result).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(messageOf(result)).toMatch(/X-Hub-Signature-256 is missing/);
  });

  it.each([
    ['the legacy sha1 scheme', 'sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59', 'bad_signature'],
    ['no algorithm prefix', '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'bad_signature'],
    ['a truncated digest', 'sha256=757107ea', 'bad_signature'],
    ['an empty header', '', 'missing_signature'],
  ])('refuses %s', async (_, header, reason) => {
    expect(await verifyGithubSignature({ secret, rawBody, signatureHeader: header })).toMatchObject({ ok: false, reason });
  });

  it('refuses an empty body instead of throwing', async () => {
    expect(await verifyGithubSignature({ secret, rawBody: '', signatureHeader })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('never puts the secret or the expected signature in a message', async () => {
    const forged = `sha256=${'0'.repeat(64)}`;
    const result = await verifyGithubSignature({ secret, rawBody, signatureHeader: forged });
    expect(messageOf(result)).toMatch(/does not match the body signed with WEFT_GITHUB_WEBHOOK_SECRET/);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain(signatureHeader.slice(7));
  });

  it('throws on an empty secret, which would make signatures forgeable', async () => {
    await expect(verifyGithubSignature({ secret: '', rawBody, signatureHeader })).rejects.toThrow(/WEFT_GITHUB_WEBHOOK_SECRET is empty/);
  });
});
