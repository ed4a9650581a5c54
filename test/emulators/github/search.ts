import { Hono } from 'hono';
import { canAccess } from './access';
import { authenticate } from './api';
import { fullName, type IssueRecord } from './data';
import { DOCS, validationFailed } from './errors';
import { issueJson } from './json';
import type { GithubState } from './state';

/** A parsed `q`: qualifiers by name (each occurrence kept, negated ones apart) and free-text terms. */
export interface IssueQuery {
  qualifiers: Map<string, string[]>;
  negated: Map<string, string[]>;
  terms: string[];
}

const QUALIFIERS = new Set(['repo', 'user', 'org', 'is', 'type', 'state', 'label', 'in', 'author', 'assignee', 'no', 'mentions']);

/**
 * Splits a search query the way GitHub reads it: `qualifier:value` pairs (values may be
 * quoted), `-qualifier:value` negations, and free text where a quoted phrase is one term.
 *
 * @example parseQuery('crash repo:octocat/hello-world label:"help wanted" is:open')
 */
export function parseQuery(q: string): IssueQuery {
  const query: IssueQuery = { qualifiers: new Map(), negated: new Map(), terms: [] };
  for (const [token] of q.matchAll(/-?[\w-]+:(?:"[^"]*"|[^\s"]+)+|"[^"]*"|\S+/g)) {
    const match = /^(-?)([\w-]+):(.*)$/.exec(token);
    const key = match?.[2]?.toLowerCase();
    if (match && key && QUALIFIERS.has(key)) {
      const target = match[1] ? query.negated : query.qualifiers;
      target.set(key, [...(target.get(key) ?? []), (match[3] ?? '').replace(/"/g, '')]);
    } else {
      const term = unquote(token);
      if (term) query.terms.push(term.toLowerCase());
    }
  }
  return query;
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');
const lower = (values: string[] | undefined) => (values ?? []).map((v) => v.toLowerCase());

/** Whether an issue satisfies every qualifier and every free-text term (case-insensitive substring). */
export function matches(issue: IssueRecord, query: IssueQuery): boolean {
  const q = (key: string) => lower(query.qualifiers.get(key));
  const not = (key: string) => lower(query.negated.get(key));
  const repoName = fullName(issue.repo).toLowerCase();
  const owner = issue.repo.owner.login.toLowerCase();
  const labels = issue.labels.map((l) => l.toLowerCase());
  const assignees = issue.assignees.map((a) => a.login.toLowerCase());
  const kind = issue.pullRequest ? 'pr' : 'issue';

  const repos = q('repo');
  if (repos.length > 0 && !repos.includes(repoName)) return false;
  if (not('repo').includes(repoName)) return false;
  const owners = [...q('user'), ...q('org')];
  if (owners.length > 0 && !owners.includes(owner)) return false;
  for (const is of [...q('is'), ...q('type')]) {
    if ((is === 'issue' || is === 'pr' || is === 'pull-request') && (is === 'issue' ? 'issue' : 'pr') !== kind) return false;
    if ((is === 'open' || is === 'closed') && issue.state !== is) return false;
    if ((is === 'public' || is === 'private') && issue.repo.private !== (is === 'private')) return false;
  }
  for (const state of q('state')) if (issue.state !== state) return false;
  // Each label: qualifier must hold (AND); a comma list inside one qualifier is an OR.
  for (const label of q('label')) if (!label.split(',').some((l) => labels.includes(l))) return false;
  for (const label of not('label')) if (label.split(',').some((l) => labels.includes(l))) return false;
  for (const author of q('author')) if (issue.user.login.toLowerCase() !== author) return false;
  for (const assignee of q('assignee')) if (assignee === '*' ? assignees.length === 0 : !assignees.includes(assignee)) return false;
  for (const missing of q('no')) {
    if (missing === 'assignee' && assignees.length > 0) return false;
    if (missing === 'label' && labels.length > 0) return false;
  }
  for (const mention of q('mentions')) if (!`${issue.title} ${issue.body ?? ''}`.toLowerCase().includes(`@${mention}`)) return false;

  const fields = q('in').flatMap((v) => v.split(','));
  const scope = fields.length > 0 ? fields : ['title', 'body'];
  const haystack = [scope.includes('title') ? issue.title : '', scope.includes('body') ? (issue.body ?? '') : ''].join('\n').toLowerCase();
  return query.terms.every((term) => haystack.includes(term));
}

const SORTS: Record<string, (i: IssueRecord) => string | number> = {
  created: (i) => i.createdAt,
  updated: (i) => i.updatedAt,
  comments: (i) => i.comments,
};

/**
 * `GET /search/issues?q=`: issues and pull requests the caller can see, under the search
 * resource's own budget (30 a minute). A `repo:` the caller cannot see is a 422, as on GitHub.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export function searchRoutes(state: GithubState): Hono {
  const app = new Hono();

  app.get('/search/issues', (c) => {
    const token = authenticate(state, c, 'search');
    if (token instanceof Response) return token;
    const q = c.req.query('q') ?? '';
    if (q.trim() === '') return c.json(validationFailed(DOCS.searchIssues, [{ resource: 'Search', field: 'q', code: 'missing' }]), 422);
    const query = parseQuery(q);
    const visible = state.data.repos.filter((r) => canAccess(token, r, false));
    for (const wanted of query.qualifiers.get('repo') ?? []) {
      if (!visible.some((r) => fullName(r).toLowerCase() === wanted.toLowerCase())) {
        const message = 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.';
        return c.json(validationFailed(DOCS.searchIssues, [{ message, resource: 'Search', field: 'q', code: 'invalid' }]), 422);
      }
    }
    const found = state.data.issues.filter((i) => visible.includes(i.repo) && matches(i, query));
    const sort = SORTS[c.req.query('sort') ?? ''];
    const direction = c.req.query('order') === 'asc' ? 1 : -1;
    const key = sort ?? ((i: IssueRecord) => i.updatedAt);
    found.sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : b.id - a.id));
    const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page')) || 30));
    const page = Math.max(1, Number(c.req.query('page')) || 1);
    const origin = new URL(c.req.url).origin;
    const items = found.slice((page - 1) * perPage, page * perPage).map((i) => ({ ...issueJson(i, origin), score: 1 }));
    return c.json({ total_count: found.length, incomplete_results: false, items });
  });

  return app;
}
