import { describe, expect, it } from 'vitest';
import { joinUrl, parseServerUrl } from './server-url';

describe('parseServerUrl', () => {
  it.each([
    ['http://localhost:8787', 'http://localhost:8787'],
    [' https://weft.example.com/ ', 'https://weft.example.com'],
    ['https://example.com/weft/', 'https://example.com/weft'],
    ['HTTP://LOCALHOST:8787', 'http://localhost:8787'],
  ])('accepts %j as %j', (input, url) => {
    expect(parseServerUrl(input)).toEqual({ ok: true, url });
  });

  it.each(['', 'localhost:8787', 'ftp://example.com', 'javascript:alert(1)', 'http://x.com/?a=1', 'not a url'])(
    'rejects %j with a message',
    (input) => {
      const result = parseServerUrl(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/\w/);
    },
  );
});

describe('joinUrl', () => {
  it('joins with exactly one slash', () => {
    expect(joinUrl('http://localhost:8787/', '/api/auth/me')).toBe('http://localhost:8787/api/auth/me');
    expect(joinUrl('https://x.com/weft', '/health')).toBe('https://x.com/weft/health');
  });
});
