import { describe, expect, it } from 'vitest';
import { decideOAuthTab } from './oauth-result';

const server = 'http://localhost:8787';
const pending = { provider: 'github', startedAt: 0 };
const decide = (url: string | undefined, base = server) => decideOAuthTab(url, base, pending, 42);

describe('decideOAuthTab', () => {
  it('closes the tab on success and records it', () => {
    expect(decide(`${server}/oauth/result?status=connected&provider=github&message=Connected%20as%20octocat.`)).toEqual({
      action: 'finish',
      closeTab: true,
      outcome: { provider: 'github', status: 'connected', message: 'Connected as octocat.', at: 42 },
    });
  });

  it.each(['denied', 'invalid_state', 'exchange_failed', 'error'])('keeps the tab open on %s', (status) => {
    const decision = decide(`${server}/oauth/result?status=${status}&provider=github&message=Nope`);
    expect(decision).toMatchObject({ action: 'finish', closeTab: false, outcome: { status, message: 'Nope' } });
  });

  it('treats an unknown or missing status as an error and keeps the tab', () => {
    expect(decide(`${server}/oauth/result?status=weird`)).toMatchObject({ closeTab: false, outcome: { status: 'error' } });
    expect(decide(`${server}/oauth/result`)).toMatchObject({ closeTab: false, outcome: { status: 'error' } });
  });

  it('falls back to the pending provider and a default message', () => {
    const decision = decide(`${server}/oauth/result?status=denied`);
    expect(decision).toMatchObject({ outcome: { provider: 'github', message: expect.stringMatching(/denied/) } });
  });

  it.each([
    undefined,
    '',
    'about:blank',
    'https://github.com/login/oauth/authorize?client_id=x',
    `${server}/oauth/github/callback?code=abc&state=xyz`,
    `${server}/oauth/results?status=connected`,
    'http://localhost:9999/oauth/result?status=connected',
    'https://evil.example/oauth/result?status=connected',
    `${server}/other/oauth/result?status=connected`,
  ])('waits on %j', (url) => {
    expect(decide(url)).toEqual({ action: 'wait' });
  });

  it('honours a server under a path prefix and a trailing slash', () => {
    const base = 'https://example.com/weft/';
    expect(decide('https://example.com/weft/oauth/result?status=connected', base)).toMatchObject({ closeTab: true });
    expect(decide('https://example.com/oauth/result?status=connected', base)).toEqual({ action: 'wait' });
  });
});
