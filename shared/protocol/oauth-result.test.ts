import { describe, expect, it } from 'vitest';
import { oauthResultUrl, readOAuthResult, type OAuthResult } from './oauth-result';

const read = (url: string) => readOAuthResult(new URL(url, 'http://localhost:8787').searchParams);

describe('the /oauth/result query, written by the server and read by its page and the extension alike', () => {
  it.each<OAuthResult>([
    { grant: 'g1', provider: 'github' },
    { status: 'denied', provider: 'slack' },
    { status: 'invalid_state', provider: null },
  ])('reads back what was written: %o', (result) => {
    expect(read(oauthResultUrl(result))).toEqual(result);
  });

  it('success is never a code, and an unknown code is an error: the query picks a known code, never text', () => {
    expect(read('/oauth/result?status=connected&provider=github')).toEqual({ status: 'error', provider: 'github' });
    expect(read('/oauth/result?status=You+won&provider=github')).toEqual({ status: 'error', provider: 'github' });
    expect(read('/oauth/result')).toEqual({ status: 'error', provider: null });
  });
});
