import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createConnectionSchema } from '../protocol/connections';
import { fieldLabel, issueMessage } from './zod-issues';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues.map(issueMessage);

describe('issueMessage', () => {
  it('names the field and its limit instead of zod’s wording', () => {
    expect(messages(createConnectionSchema, { provider: 'hubspot', name: 'x'.repeat(200), credentials: { token: 'abcdefghij' } })).toEqual([
      'Name is too long (80 characters at most).',
    ]);
    expect(messages(z.object({ labels: z.array(z.string()).max(2) }), { labels: ['a', 'b', 'c'] })).toEqual([
      'Labels has too many entries (2 entries at most).',
    ]);
    expect(messages(z.object({ password: z.string().min(8) }), { password: 'short' })).toEqual(['Password is too short (at least 8 characters).']);
  });

  it('says a missing or empty field is required', () => {
    expect(messages(z.object({ title: z.string() }), {})).toEqual(['Title is required.']);
    expect(messages(z.object({ title: z.string().min(1) }), { title: '' })).toEqual(['Title is required.']);
  });

  it('keeps a schema’s own message as written', () => {
    expect(messages(createConnectionSchema, { provider: 'hubspot', name: '  ', credentials: { token: 'short' } })).toEqual([
      'Give it a name.',
      'Paste the whole token.',
    ]);
  });

  it('words wrong types, formats, options and unknown keys for people', () => {
    expect(messages(z.object({ count: z.number() }), { count: 'x' })).toEqual(['Count should be a number.']);
    expect(messages(z.object({ email: z.email() }), { email: 'x' })).toEqual(['Email is not a valid email address.']);
    expect(messages(z.object({ state: z.enum(['open', 'closed']) }), { state: 'gone' })).toEqual(['State must be one of: open, closed.']);
    expect(messages(z.strictObject({}), { extra: 1 })).toEqual(['Unknown field: extra.']);
    expect(messages(z.object({}), [])).toEqual(['The request body should be a JSON object.']);
  });
});

describe('fieldLabel', () => {
  it('reads the last named segment as words', () => {
    expect(fieldLabel(['input', 'closeDate'])).toBe('Close date');
    expect(fieldLabel(['credentials', 'token'])).toBe('Token');
    expect(fieldLabel(['input', 'deal_stage'])).toBe('Deal stage');
    expect(fieldLabel(['labels', 2])).toBe('Labels (entry 3)');
    expect(fieldLabel([])).toBeUndefined();
  });
});
