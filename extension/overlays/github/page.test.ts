import { describe, expect, it } from 'vitest';
import { isConversation, isIssue, isPullRequest, isRepoHome, parseConversation, parseRepo, showsOpeningPost } from './page';

// Real pages, each listed under the one predicate that must accept it; every other predicate must refuse it.
const examples = {
  isIssue: [
    'https://github.com/octocat/hello-world/issues/2',
    'https://github.com/refined-github/refined-github/issues/3543',
    'https://github.com/microsoft/vscode/issues/1?q=is%3Aopen',
    'https://github.com/sindresorhus/refined-github/issues/1#issuecomment-12345',
    'https://github.com/wxt-dev/wxt/issues/357/',
  ],
  isPullRequest: [
    'https://github.com/octocat/hello-world/pull/4',
    'https://github.com/refined-github/refined-github/pull/7000/files',
    'https://github.com/refined-github/refined-github/pull/7000/commits',
    'https://github.com/refined-github/refined-github/pull/7000/checks',
    'https://github.com/refined-github/refined-github/pull/7000/commits/a1b2c3d',
    'https://github.com/facebook/react/pull/28000/changes',
  ],
  isRepoHome: [
    'https://github.com/octocat/hello-world',
    'https://github.com/octocat/Hello-World/',
    'https://github.com/refined-github/refined-github?tab=readme-ov-file',
    'https://github.com/vercel/next.js',
  ],
  none: [
    'https://github.com/',
    'https://github.com/octocat',
    'https://github.com/octocat/hello-world/issues',
    'https://github.com/octocat/hello-world/issues/new',
    'https://github.com/octocat/hello-world/issues/2/linked_closing_reference',
    'https://github.com/octocat/hello-world/pulls',
    'https://github.com/octocat/hello-world/pull/new/main',
    'https://github.com/octocat/hello-world/blob/main/README.md',
    'https://github.com/octocat/hello-world/tree/main',
    'https://github.com/notifications',
    'https://github.com/settings/profile',
    'https://github.com/orgs/refined-github/repositories',
    'https://github.com/issues/assigned',
    'https://github.com/pulls',
    'https://github.com/marketplace/actions/checkout',
    'https://gist.github.com/octocat/6cad326836d38bd3a7ae',
    'https://app.hubspot.com/contacts/62515/record/0-1/10002',
    'https://example.com/octocat/hello-world/issues/2',
  ],
};

const predicates = { isIssue, isPullRequest, isRepoHome };

describe('GitHub page predicates', () => {
  for (const [name, predicate] of Object.entries(predicates)) {
    describe(name, () => {
      for (const [owner, urls] of Object.entries(examples)) {
        const want = owner === name;
        it.each(urls)(`${want ? 'accepts' : 'refuses'} %s`, (url) => expect(predicate(url)).toBe(want));
      }
    });
  }

  it('conversations are issues and pull requests', () => {
    for (const url of [...examples.isIssue, ...examples.isPullRequest]) expect(isConversation(url)).toBe(true);
    for (const url of [...examples.isRepoHome, ...examples.none]) expect(isConversation(url)).toBe(false);
  });

  it('the opening post shows on issues and on a pull request’s Conversation tab, not on its other tabs', () => {
    for (const url of examples.isIssue) expect(showsOpeningPost(url)).toBe(true);
    expect(showsOpeningPost('https://github.com/octocat/hello-world/pull/4')).toBe(true);
    for (const url of examples.isPullRequest.filter((u) => /\/pull\/\d+\/./.test(u))) expect(showsOpeningPost(url)).toBe(false);
    for (const url of [...examples.isRepoHome, ...examples.none]) expect(showsOpeningPost(url)).toBe(false);
  });

  it('parses owner, repository and number', () => {
    expect(parseConversation('https://github.com/octocat/hello-world/issues/2')).toEqual({ owner: 'octocat', repo: 'hello-world', number: 2, kind: 'issue' });
    expect(parseConversation('https://github.com/refined-github/refined-github/pull/7000/files')).toEqual({
      owner: 'refined-github', repo: 'refined-github', number: 7000, kind: 'pull',
    });
    expect(parseConversation('https://github.com/octocat/hello-world')).toBeNull();
    expect(parseRepo('https://github.com/vercel/next.js/issues/1')).toEqual({ owner: 'vercel', repo: 'next.js' });
    expect(parseRepo('https://github.com/settings/profile')).toBeNull();
  });
});
