import type { Context } from 'hono';
import { readJsonBody } from '../common/params';
import type { StoredToken } from '../common/token-store';
import { authenticate } from './api';
import type { GithubUserRef, IssueRecord, RepoRecord } from './data';
import { contentCreationLimit, problemsParsingJson, restError } from './errors';
import type { GithubUser } from './fixtures';
import type { GithubState } from './state';

/** An authenticated caller who may see the repository; `push` says whether they may also label, assign and close. */
export interface RepoAccess {
  token: StoredToken<GithubUser>;
  user: GithubUserRef;
  repo: RepoRecord;
  push: boolean;
}

const same = (a: GithubUserRef, b: GithubUserRef) => a.login.toLowerCase() === b.login.toLowerCase();

export function hasPush(repo: RepoRecord, user: GithubUserRef): boolean {
  return same(repo.owner, user) || repo.collaborators.some((c) => same(c, user));
}

/**
 * Whether a token may read (or write) a repository. Classic tokens need `repo` for private
 * repositories and `repo` or `public_repo` to write to public ones; GitHub App user tokens
 * (no scopes) go by the user's access alone. Like GitHub, every refusal is a 404, so the
 * existence of a private repository is never confirmed.
 */
export function canAccess(token: StoredToken<GithubUser>, repo: RepoRecord, write: boolean): boolean {
  const user = { login: token.account.login, id: token.account.id };
  if (repo.private && !hasPush(repo, user)) return false;
  if (token.kind === 'app-user') return true;
  const hasRepo = token.scopes.includes('repo');
  if (repo.private) return hasRepo;
  return !write || hasRepo || token.scopes.includes('public_repo');
}

/** Authenticates, then finds `:owner/:repo` the caller may see: the answer every repository route starts from. */
export function repoAccess(state: GithubState, c: Context, docs: string, write: boolean): RepoAccess | Response {
  const token = authenticate(state, c);
  if (token instanceof Response) return token;
  c.header('x-accepted-oauth-scopes', 'repo');
  const repo = state.data.findRepo(c.req.param('owner') ?? '', c.req.param('repo') ?? '');
  if (!repo || !canAccess(token, repo, write)) return c.json(restError(404, 'Not Found', docs), 404);
  const user = state.data.addUser({ login: token.account.login, id: token.account.id });
  return { token, user, repo, push: hasPush(repo, user) };
}

/** Like `repoAccess`, for `/issues/:number` paths: 410 when the repository has Issues switched off, 404 for an unknown number. */
export function issueAccess(state: GithubState, c: Context, docs: string, write: boolean): (RepoAccess & { issue: IssueRecord }) | Response {
  const access = repoAccess(state, c, docs, write);
  if (access instanceof Response) return access;
  if (!access.repo.hasIssues) return c.json(restError(410, 'Issues are disabled for this repo', docs), 410);
  const number = Number(c.req.param('number'));
  const issue = Number.isInteger(number) ? state.data.findIssue(access.repo, number) : undefined;
  if (!issue) return c.json(restError(404, 'Not Found', docs), 404);
  return { ...access, issue };
}

/**
 * GitHub's secondary limit on content creation (new issues and comments): per minute and
 * per hour for each user, refused with 403 (or 429), `retry-after` and its own message.
 */
export function spendContentBudget(state: GithubState, c: Context, user: GithubUserRef): Response | undefined {
  const now = state.core.now();
  for (const limiter of state.contentLimiters) {
    const window = limiter.hit(String(user.id));
    if (window.limited) {
      state.core.stats.rateLimited++;
      c.header('retry-after', String(Math.max(1, Math.ceil((window.resetAt - now) / 1000))));
      const status = state.secondaryStatus;
      return c.json(contentCreationLimit(status, c.res.headers.get('x-github-request-id') ?? ''), status);
    }
  }
  return undefined;
}

/** The JSON body as an object, or GitHub's 400 "Problems parsing JSON". Arrays pass through for the labels endpoint. */
export async function jsonBody(c: Context, docs: string): Promise<Record<string, unknown> | unknown[] | Response> {
  const body = await readJsonBody(c);
  if (body === null || typeof body !== 'object') return c.json(problemsParsingJson(docs), 400);
  return body as Record<string, unknown> | unknown[];
}
