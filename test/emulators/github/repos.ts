import { Hono, type Context } from 'hono';
import { canAccess, hasPush, repoAccess } from './access';
import { authenticate } from './api';
import { fullName, type GithubUserRef, type RepoRecord } from './data';
import { DOCS, validationFailed } from './errors';
import { repoJson } from './json';
import type { GithubState } from './state';

/**
 * Repositories: `GET /user/repos` (the repo picker: owned and collaborator repositories,
 * private ones only with the `repo` scope, paged with a `Link` header) and
 * `GET /repos/{owner}/{repo}`.
 */
export function repoRoutes(state: GithubState): Hono {
  const app = new Hono();
  const json = (c: Context, repo: RepoRecord, user: GithubUserRef) => {
    const push = hasPush(repo, user);
    const open = state.data.issues.filter((i) => i.repo === repo && i.state === 'open').length;
    return repoJson(repo, new URL(c.req.url).origin, { admin: repo.owner.login.toLowerCase() === user.login.toLowerCase(), push }, open);
  };

  app.get('/user/repos', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const user = { login: token.account.login, id: token.account.id };
    const q = c.req.query();
    if (q.type !== undefined && (q.visibility !== undefined || q.affiliation !== undefined)) {
      const message = 'If you specify visibility or affiliation, you cannot specify type.';
      return c.json(validationFailed(DOCS.userRepos, [{ resource: 'Repository', field: 'type', code: 'invalid', message }]), 422);
    }
    const type = q.type ?? 'all';
    const affiliation = (q.affiliation ?? (type === 'owner' ? 'owner' : type === 'member' ? 'collaborator' : 'owner,collaborator,organization_member')).split(',');
    const visibility = q.visibility ?? (type === 'public' || type === 'private' ? type : 'all');
    const isOwner = (r: RepoRecord) => r.owner.login.toLowerCase() === user.login.toLowerCase();
    let repos = state.data.repos.filter((r) => canAccess(token, r, false)).filter((r) =>
      (affiliation.includes('owner') && isOwner(r)) || (affiliation.includes('collaborator') && !isOwner(r) && hasPush(r, user)),
    );
    if (visibility !== 'all') repos = repos.filter((r) => r.private === (visibility === 'private'));
    const sort = q.sort ?? 'full_name';
    const direction = (q.direction ?? (sort === 'full_name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
    const key = (r: RepoRecord) => (sort === 'created' ? r.createdAt : sort === 'full_name' ? fullName(r).toLowerCase() : r.updatedAt);
    repos.sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : a.id - b.id));
    const perPage = Math.min(100, Math.max(1, Number(q.per_page) || 30));
    const page = Math.max(1, Number(q.page) || 1);
    const last = Math.max(1, Math.ceil(repos.length / perPage));
    const link = pageLinks(c.req.url, page, last);
    if (link) c.header('link', link);
    return c.json(repos.slice((page - 1) * perPage, page * perPage).map((r) => json(c, r, user)));
  });

  app.get('/repos/:owner/:repo', (c) => {
    const access = repoAccess(state, c, DOCS.getRepo, false);
    if (access instanceof Response) return access;
    return c.json(json(c, access.repo, access.user));
  });

  return app;
}

/** GitHub's `Link` header: next/last from page 1, prev/first after it. */
function pageLinks(url: string, page: number, last: number): string | undefined {
  const at = (n: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    return u.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`, `<${at(1)}>; rel="first"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  return links.length > 0 ? links.join(', ') : undefined;
}
