import { describe, expect, it } from 'vitest';
import { decideOAuthTab } from './oauth-result';

const server = 'http://localhost:8787';
const decide = (url: string | undefined, base = server, pending: string | null = 'github') => decideOAuthTab(url, base, pending ?? undefined);

describe('decideOAuthTab', () => {
  it('claims a grant the server holds', () => {
    expect(decide(`${server}/oauth/result?grant=g-123&provider=github`)).toEqual({ action: 'claim', grant: 'g-123', provider: 'github' });
    expect(decide(`${server}/oauth/result?grant=g-123&provider=slack`, server, null)).toEqual({ action: 'claim', grant: 'g-123', provider: 'slack' });
  });

  it.each(['denied', 'invalid_state', 'exchange_failed', 'error'])('finishes with the code %s', (status) => {
    expect(decide(`${server}/oauth/result?status=${status}&provider=github`)).toEqual({ action: 'finish', provider: 'github', status });
  });

  it('never takes "connected" from a URL, nor an unknown status: both are errors', () => {
    expect(decide(`${server}/oauth/result?status=connected&provider=github`)).toMatchObject({ action: 'finish', status: 'error' });
    expect(decide(`${server}/oauth/result?status=weird`)).toMatchObject({ action: 'finish', status: 'error' });
    expect(decide(`${server}/oauth/result`)).toMatchObject({ action: 'finish', status: 'error' });
  });

  it('falls back to the provider in the URL, then to Weft', () => {
    expect(decide(`${server}/oauth/result?status=denied&provider=slack`, server, null)).toMatchObject({ provider: 'slack' });
    expect(decide(`${server}/oauth/result?status=denied`, server, null)).toMatchObject({ provider: 'weft' });
  });

  it.each([
    undefined,
    '',
    'about:blank',
    'https://github.com/login/oauth/authorize?client_id=x',
    `${server}/oauth/github/callback?code=abc&state=xyz`,
    `${server}/oauth/results?grant=g`,
    'http://localhost:9999/oauth/result?grant=g',
    'https://evil.example/oauth/result?grant=g',
    `${server}/other/oauth/result?grant=g`,
  ])('waits on %j', (url) => {
    expect(decide(url)).toEqual({ action: 'wait' });
  });

  it('honours a server under a path prefix and a trailing slash', () => {
    const base = 'https://example.com/weft/';
    expect(decide('https://example.com/weft/oauth/result?grant=g', base)).toMatchObject({ action: 'claim' });
    expect(decide('https://example.com/oauth/result?grant=g', base)).toEqual({ action: 'wait' });
  });
});
