import { describe, expect, it } from 'vitest';
import { githubAcceptsRedirect } from './redirect-rule';

describe("GitHub's redirect_uri rule", () => {
  it("accepts and refuses GitHub's own documented examples for the callback http://example.com/path", () => {
    const callback = 'http://example.com/path';
    for (const good of ['http://example.com/path', 'http://example.com/path/subdir/other', 'http://oauth.example.com/path', 'http://oauth.example.com/path/subdir/other']) {
      expect(githubAcceptsRedirect(callback, good), good).toBe(true);
    }
    for (const bad of ['http://example.com/bar', 'http://example.com/', 'http://example.com:8080/path', 'http://oauth.example.com:8080/path', 'http://example.org']) {
      expect(githubAcceptsRedirect(callback, bad), bad).toBe(false);
    }
  });

  it('takes any port for a loopback callback, and nothing that only looks like the path or host', () => {
    expect(githubAcceptsRedirect('http://127.0.0.1/oauth/github/callback', 'http://127.0.0.1:1234/oauth/github/callback')).toBe(true);
    expect(githubAcceptsRedirect('http://localhost/path', 'http://localhost:1234/path')).toBe(true);
    expect(githubAcceptsRedirect('http://127.0.0.1:4000/oauth/github/callback', 'http://localhost:4000/oauth/github/callback')).toBe(false);
    expect(githubAcceptsRedirect('http://example.com/path', 'http://example.com/pathology')).toBe(false);
    expect(githubAcceptsRedirect('http://example.com/path', 'http://example.com/path/../bar')).toBe(false);
    expect(githubAcceptsRedirect('http://example.com/path', 'http://evilexample.com/path')).toBe(false);
    expect(githubAcceptsRedirect('http://example.com/path', 'https://example.com/path')).toBe(false);
    expect(githubAcceptsRedirect('http://example.com/path', 'http://user@example.com/path')).toBe(false);
  });
});
