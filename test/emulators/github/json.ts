import { fullName, type CommentRecord, type GithubUserRef, type IssueRecord, type LabelRecord, type RepoRecord } from './data';

/**
 * REST shapes of repositories, issues, labels and comments, field for field as
 * api.github.com answers (2022-11-28). URLs use the emulator's origin for both
 * api.github.com (`/repos/…`) and github.com (`/owner/repo/issues/1`).
 */

const nodeId = (prefix: string, id: number) => `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;

/** The "simple user" embedded in issues, comments and repositories. */
export function simpleUserJson(user: GithubUserRef, origin: string): Record<string, unknown> {
  const url = `${origin}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
    avatar_url: `${origin}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${origin}/${user.login}`,
    followers_url: `${url}/followers`,
    repos_url: `${url}/repos`,
    type: user.login.endsWith('[bot]') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function labelJson(label: LabelRecord, repo: RepoRecord, origin: string): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${origin}/repos/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function issueLabelsJson(issue: IssueRecord, origin: string): Record<string, unknown>[] {
  return issue.labels.flatMap((name) => {
    const label = issue.repo.labels.find((l) => l.name === name);
    return label ? [labelJson(label, issue.repo, origin)] : [];
  });
}

export function issueJson(issue: IssueRecord, origin: string): Record<string, unknown> {
  const repo = issue.repo;
  const api = `${origin}/repos/${fullName(repo)}`;
  const url = `${api}/issues/${issue.number}`;
  const html = `${origin}/${fullName(repo)}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`;
  const assignees = issue.assignees.map((a) => simpleUserJson(a, origin));
  return {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pullRequest ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    user: simpleUserJson(issue.user, origin),
    labels: issueLabelsJson(issue, origin),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: association(repo, issue.user),
    active_lock_reason: null,
    ...(issue.pullRequest
      ? {
          draft: false,
          pull_request: { url: `${api}/pulls/${issue.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null },
        }
      : {}),
    body: issue.body,
    closed_by: issue.closedBy ? simpleUserJson(issue.closedBy, origin) : null,
    reactions: reactionsJson(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
}

export function commentJson(comment: CommentRecord, origin: string): Record<string, unknown> {
  const repo = comment.issue.repo;
  const api = `${origin}/repos/${fullName(repo)}`;
  const html = `${origin}/${fullName(repo)}/${comment.issue.pullRequest ? 'pull' : 'issues'}/${comment.issue.number}`;
  return {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${html}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue.number}`,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: simpleUserJson(comment.user, origin),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: association(repo, comment.user),
    body: comment.body,
    reactions: reactionsJson(`${api}/issues/comments/${comment.id}/reactions`),
    performed_via_github_app: null,
  };
}

/** What `GET /repos/{owner}/{repo}` and `GET /user/repos` answer; `permissions` is the caller's. */
export function repoJson(repo: RepoRecord, origin: string, permissions: { admin: boolean; push: boolean }, open: number): Record<string, unknown> {
  const api = `${origin}/repos/${fullName(repo)}`;
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: simpleUserJson(repo.owner, origin),
    html_url: `${origin}/${fullName(repo)}`,
    description: repo.description,
    fork: false,
    url: api,
    issues_url: `${api}/issues{/number}`,
    labels_url: `${api}/labels{/name}`,
    pulls_url: `${api}/pulls{/number}`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.updatedAt,
    homepage: null,
    size: 108,
    stargazers_count: 0,
    watchers_count: 0,
    language: repo.language,
    has_issues: repo.hasIssues,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    topics: [],
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: 'main',
    permissions: { admin: permissions.admin, maintain: permissions.admin, push: permissions.push, triage: permissions.push, pull: true },
  };
}

function association(repo: RepoRecord, user: GithubUserRef): string {
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return 'OWNER';
  return repo.collaborators.some((c) => c.login.toLowerCase() === user.login.toLowerCase()) ? 'COLLABORATOR' : 'NONE';
}

const reactionsJson = (url: string) => ({ url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 });
