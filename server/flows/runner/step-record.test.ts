import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../lib/http-error';
import { retryWaitMs } from './retry';
import { MAX_OUTPUT_BYTES, recordOutput, redactInput } from './step-record';

describe('what a step keeps', () => {
  it('redacts secrets by key at any depth, and credentials by their look', () => {
    expect(redactInput({
      text: 'hello', headers: { Authorization: 'Bearer abc', 'x-api-key': 'k' }, nested: [{ password: 'p', clientSecret: 's' }],
      note: 'xoxb-1234-abcd', pat: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', plain: 'Bear with me',
    })).toEqual({
      text: 'hello', headers: { Authorization: '[redacted]', 'x-api-key': 'k' }, nested: [{ password: '[redacted]', clientSecret: '[redacted]' }],
      note: '[redacted]', pat: '[redacted]', plain: 'Bear with me',
    });
  });

  it('keeps an output up to 64 KB whole, and beyond that its first 64 KB with the SHA-256 of the whole', () => {
    expect(recordOutput({ ok: true })).toEqual({ output: '{"ok":true}', truncated: false, hash: null });
    const big = { text: 'é'.repeat(MAX_OUTPUT_BYTES) };
    const json = JSON.stringify(big);
    const kept = recordOutput(big);
    expect(kept.truncated).toBe(true);
    expect(kept.hash).toBe(createHash('sha256').update(json).digest('hex'));
    const head = JSON.parse(kept.output!) as string;
    expect(Buffer.byteLength(head)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    expect(json.startsWith(head)).toBe(true);
  });
});

describe('retry waits', () => {
  const step = { id: 's', action: 'slack.post_message', connection: 'slack' };
  it('honours the provider\'s Retry-After, else the step\'s backoff', () => {
    expect(retryWaitMs(step, 1, 40_000)).toBe(40_000);
    expect(retryWaitMs({ ...step, retry: { attempts: 3, backoff: 'fixed', delayMs: 500 } }, 2)).toBe(500);
    expect(retryWaitMs(step, 3, undefined, () => 1)).toBe(8_000);
    expect(retryWaitMs(step, 3, undefined, () => 0)).toBe(4_000);
  });

  it('maps the executor\'s answers: 502 with Retry-After is retryable after that wait, a 400 is final', async () => {
    const { asStepError } = await import('./action-step');
    expect(asStepError(new HttpError(502, 'provider_unavailable', 'Slack is rate limiting Weft', { 'Retry-After': '40' }))).toMatchObject({ retryable: true, retryAfterMs: 40_000 });
    expect(asStepError(new HttpError(400, 'provider_rejected', 'Slack refused: channel not found'))).toMatchObject({ retryable: false, message: 'Slack refused: channel not found' });
  });
});
