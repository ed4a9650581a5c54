/**
 * Which GitHub page this is, from the URL alone (pure, like Refined GitHub's
 * github-url-detection). Each predicate takes a URL so tests pass real ones; pages call
 * them with `location`.
 */

type UrlLike = URL | Location | string;

/** First path segments that are GitHub's own pages, never an owner. */
const reserved = new Set([
  'about', 'account', 'apps', 'codespaces', 'collections', 'contact', 'customer-stories', 'dashboard', 'enterprise',
  'explore', 'features', 'gist', 'issues', 'join', 'login', 'logout', 'marketplace', 'new', 'notifications', 'orgs',
  'organizations', 'pricing', 'pulls', 'search', 'security', 'sessions', 'settings', 'signup', 'site', 'sponsors',
  'stars', 'team', 'topics', 'trending', 'users', 'watching',
]);

const name = /^[\w.-]+$/;

/** `[owner, repo, ...rest]` of a github.com repository URL, or null. */
function repoPath(url: UrlLike): string[] | null {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.hostname !== 'github.com') return null;
  const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [owner, repo] = parts;
  if (!owner || !repo || reserved.has(owner.toLowerCase()) || !name.test(owner) || !name.test(repo)) return null;
  return parts;
}

/**
 * An issue: `https://github.com/<owner>/<repo>/issues/<n>`.
 *
 * @example isIssue('https://github.com/octocat/hello-world/issues/2') // true
 * @example isIssue('https://github.com/octocat/hello-world/issues') // false
 */
export function isIssue(url: UrlLike = location): boolean {
  const p = repoPath(url);
  return p !== null && p[2] === 'issues' && /^\d+$/.test(p[3] ?? '') && p.length === 4;
}

/**
 * A pull request, on any of its tabs: conversation, `/files`, `/commits`, `/checks`.
 *
 * @example isPullRequest('https://github.com/refined-github/refined-github/pull/7000/files') // true
 */
export function isPullRequest(url: UrlLike = location): boolean {
  const p = repoPath(url);
  if (p === null || p[2] !== 'pull' || !/^\d+$/.test(p[3] ?? '')) return false;
  return p.length === 4 || ['files', 'commits', 'checks', 'changes'].includes(p[4] ?? '');
}

/**
 * An issue, or a pull request's Conversation tab: the pages that show the opening post
 * (its Files, Commits and Checks tabs do not).
 *
 * @example showsOpeningPost('https://github.com/octocat/hello-world/pull/4') // true
 * @example showsOpeningPost('https://github.com/octocat/hello-world/pull/4/files') // false
 */
export function showsOpeningPost(url: UrlLike = location): boolean {
  return isIssue(url) || (isPullRequest(url) && repoPath(url)!.length === 4);
}

/** An issue or a pull request: the pages with a discussion and an author. */
export function isConversation(url: UrlLike = location): boolean {
  return isIssue(url) || isPullRequest(url);
}

/**
 * A repository's home page: `https://github.com/<owner>/<repo>`.
 *
 * @example isRepoHome('https://github.com/octocat/hello-world') // true
 * @example isRepoHome('https://github.com/octocat/hello-world/issues') // false
 */
export function isRepoHome(url: UrlLike = location): boolean {
  const p = repoPath(url);
  return p !== null && p.length === 2;
}

export type IssueRef = { owner: string; repo: string; number: number; kind: 'issue' | 'pull' };

/**
 * @example parseConversation('https://github.com/octocat/hello-world/pull/4/files') // {owner: 'octocat', repo: 'hello-world', number: 4, kind: 'pull'}
 */
export function parseConversation(url: UrlLike = location): IssueRef | null {
  if (!isConversation(url)) return null;
  const [owner, repo, kind, number] = repoPath(url)!;
  return { owner: owner!, repo: repo!, number: Number(number), kind: kind === 'pull' ? 'pull' : 'issue' };
}

/** @example parseRepo('https://github.com/octocat/hello-world/issues/2') // {owner: 'octocat', repo: 'hello-world'} */
export function parseRepo(url: UrlLike = location): { owner: string; repo: string } | null {
  const p = repoPath(url);
  return p && { owner: p[0]!, repo: p[1]! };
}
