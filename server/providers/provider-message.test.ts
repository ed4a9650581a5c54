import { describe, expect, it } from 'vitest';
import { providerMessage } from './provider-message';

// A provider's error text is shown to people beside Weft's own words: it must read as a
// reason, not as a page of documentation.
describe('providerMessage', () => {
  it('keeps the first sentence and drops links', () => {
    const hubspot = {
      status: 'error',
      message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      category: 'INVALID_AUTHENTICATION',
    };
    expect(providerMessage(hubspot)).toBe('Authentication credentials not found.');
  });

  it('reads a bare error code as words and leaves a short message alone', () => {
    expect(providerMessage({ ok: false, error: 'invalid_auth' })).toBe('invalid auth');
    expect(providerMessage({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })).toBe('Bad credentials');
  });

  it('strips an HTML error page to its text, and gives up on one with none', () => {
    expect(providerMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway');
    expect(providerMessage('<html><body></body></html>')).toBeUndefined();
  });

  it('cuts a very long sentence', () => {
    const long = providerMessage({ message: `${'word '.repeat(100)}end.` })!;
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
  });
});
