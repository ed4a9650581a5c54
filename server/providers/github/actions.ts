import type { githubActions } from '../../../shared/providers/actions/github';
import type { ActionHandlers, ProviderActions } from '../../actions/action-handler';
import { githubActivity } from './activity';
import type { Limit } from '../../actions/rate-limiter';
import { githubComment, githubIssue, githubLabels, githubRepos, githubSearch, type GithubIssue } from './responses';

const API = 'https://api.github.com';
/** GitHub's secondary limit on content creation: 80 a minute (and 500 an hour). */
const CONTENT: Limit[] = [{ key: ':content', max: 80, windowMs: 60_000 }, { key: ':content-hour', max: 500, windowMs: 3_600_000 }];
/** The search API has its own limit: 30 a minute for authenticated users. */
const SEARCH: Limit[] = [{ key: ':search', max: 30, windowMs: 60_000 }];

/** The fields the panels show of an issue or pull request. */
export function issueSummary(i: GithubIssue) {
  return {
    number: i.number,
    title: i.title,
    state: i.state,
    url: i.html_url,
    author: i.user?.login ?? null,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name)),
    assignees: (i.assignees ?? []).map((a) => a.login),
    isPullRequest: Boolean(i.pull_request),
    repo: i.repository_url?.split('/repos/')[1] ?? null,
    updatedAt: i.updated_at ?? null,
  };
}

const issuePath = (repo: string, n: number) => `${API}/repos/${repo}/issues/${n}`;
const quote = (s: string) => `"${s.replace(/"/g, '')}"`;

const handlers: ActionHandlers<typeof githubActions> = {
  create_issue: async (api, i) =>
    issueSummary(await api.call({ method: 'POST', url: `${API}/repos/${i.repo}/issues`, body: { title: i.title, body: i.body, labels: i.labels, assignees: i.assignees }, limits: CONTENT, schema: githubIssue })),
  comment: async (api, i) => {
    const c = await api.call({ method: 'POST', url: `${issuePath(i.repo, i.number)}/comments`, body: { body: i.body }, limits: CONTENT, schema: githubComment });
    return { id: c.id, url: c.html_url };
  },
  add_labels: async (api, i) => ({ labels: (await api.call({ method: 'POST', url: `${issuePath(i.repo, i.number)}/labels`, body: { labels: i.labels }, schema: githubLabels })).map((l) => l.name) }),
  remove_label: async (api, i) => ({
    labels: (await api.call({ method: 'DELETE', url: `${issuePath(i.repo, i.number)}/labels/${encodeURIComponent(i.label)}`, schema: githubLabels })).map((l) => l.name),
  }),
  assign: async (api, i) => issueSummary(await api.call({ method: 'POST', url: `${issuePath(i.repo, i.number)}/assignees`, body: { assignees: i.assignees }, schema: githubIssue })),
  set_state: async (api, i) =>
    issueSummary(await api.call({ method: 'PATCH', url: issuePath(i.repo, i.number), body: { state: i.state, state_reason: i.reason ?? (i.state === 'open' ? 'reopened' : 'completed') }, schema: githubIssue })),
  search_issues: async (api, i) => {
    const q = [
      i.text,
      i.mentions && `${quote(i.mentions)} in:title,body`,
      i.repo && `repo:${i.repo}`,
      i.label && `label:${quote(i.label)}`,
      i.state !== 'all' && `is:${i.state}`,
    ].filter(Boolean).join(' ');
    const res = await api.call({ url: `${API}/search/issues`, query: { q, per_page: i.limit }, limits: SEARCH, schema: githubSearch });
    return { total: res.total_count, items: res.items.map(issueSummary) };
  },
  get_issue: async (api, i) => issueSummary(await api.call({ url: issuePath(i.repo, i.number), schema: githubIssue })),
  list_repos: async (api) =>
    ({ repos: (await api.call({ url: `${API}/user/repos`, query: { per_page: 100, sort: 'updated' }, schema: githubRepos })).map((r) => ({ fullName: r.full_name, private: r.private, url: r.html_url })) }),
};

/** https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api */
export const githubProviderActions: ProviderActions = {
  handlers: handlers as ProviderActions['handlers'],
  describe: githubActivity,
  baseLimits: [{ key: '', max: 5000, windowMs: 3_600_000 }],
  headers: { 'x-github-api-version': '2022-11-28', accept: 'application/vnd.github+json' },
};
