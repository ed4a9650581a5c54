import { Hono } from 'hono';
import { fullName, type CommentRecord, type GithubData, type GithubUserRef, type IssueRecord, type RepoRecord } from './data';
import type { GithubState } from './state';

/** An issue (or pull request) as a test reads it: plain values, logins instead of user objects. */
export interface IssueSnapshot {
  repo: string;
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  author: string;
  labels: string[];
  assignees: string[];
  comments: number;
  pullRequest: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface CommentSnapshot {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
}

export interface RepoSnapshot {
  id: number;
  fullName: string;
  private: boolean;
  hasIssues: boolean;
  collaborators: string[];
  labels: string[];
}

export interface GithubSnapshot {
  repos: RepoSnapshot[];
  issues: IssueSnapshot[];
  comments: CommentSnapshot[];
}

export interface SeedIssueInput {
  /** 'owner/name'; defaults to the signed-in user's hello-world. */
  repo?: string;
  title: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: string;
  labels?: string[];
  /** Logins; they are made collaborators if they are not already. */
  assignees?: string[];
  /** Login of the author; defaults to the signed-in user. */
  author?: string;
  pullRequest?: boolean;
  /** Comment bodies, written by the repository owner. */
  comments?: string[];
}

export interface SeedRepoInput {
  /** Defaults to the signed-in user. */
  owner?: string;
  name: string;
  private?: boolean;
  description?: string;
  hasIssues?: boolean;
  /** Logins with push access. */
  collaborators?: string[];
}

/** Reading and seeding GitHub data, in process and over `/_emulator/github/*`. */
export interface GithubDataControls {
  /** Every repository, issue and comment. */
  snapshot(): GithubSnapshot;
  /** Issues and pull requests, optionally of one 'owner/name', in creation order. */
  listIssues(repo?: string): IssueSnapshot[];
  getIssue(repo: string, number: number): IssueSnapshot | undefined;
  listComments(repo?: string, number?: number): CommentSnapshot[];
  seedIssue(input: SeedIssueInput): IssueSnapshot;
  seedRepo(input: SeedRepoInput): RepoSnapshot;
}

const login = (u: GithubUserRef) => u.login;

export const issueSnapshot = (i: IssueRecord): IssueSnapshot => ({
  repo: fullName(i.repo),
  number: i.number,
  id: i.id,
  title: i.title,
  body: i.body,
  state: i.state,
  stateReason: i.stateReason,
  author: i.user.login,
  labels: [...i.labels],
  assignees: i.assignees.map(login),
  comments: i.comments,
  pullRequest: i.pullRequest,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
  closedAt: i.closedAt,
  closedBy: i.closedBy?.login ?? null,
});

const commentSnapshot = (c: CommentRecord): CommentSnapshot => ({
  id: c.id, repo: fullName(c.issue.repo), issueNumber: c.issue.number, body: c.body, author: c.user.login, createdAt: c.createdAt,
});

const repoSnapshot = (r: RepoRecord): RepoSnapshot => ({
  id: r.id, fullName: fullName(r), private: r.private, hasIssues: r.hasIssues, collaborators: r.collaborators.map(login), labels: r.labels.map((l) => l.name),
});

/** A known user by login, or a new one with a made-up id. */
function userFor(data: GithubData, name: string): GithubUserRef {
  return data.users.get(name.toLowerCase()) ?? data.addUser({ login: name, id: 10_000_000 + data.users.size });
}

export function githubDataControls(state: GithubState): GithubDataControls {
  const { data } = state;
  const me = () => userFor(data, state.user.login);
  const repoNamed = (name: string | undefined) => {
    const [owner, repo] = (name ?? `${state.user.login}/hello-world`).split('/');
    const found = data.findRepo(owner ?? '', repo ?? '');
    if (!found) throw new Error(`no repository ${name}`);
    return found;
  };
  const sameRepo = (name: string | undefined) => (r: RepoRecord) => name === undefined || fullName(r).toLowerCase() === name.toLowerCase();

  return {
    snapshot: () => ({ repos: data.repos.map(repoSnapshot), issues: data.issues.map(issueSnapshot), comments: data.comments.map(commentSnapshot) }),
    listIssues: (repo) => data.issues.filter((i) => sameRepo(repo)(i.repo)).map(issueSnapshot),
    getIssue: (repo, number) => {
      const issue = data.issues.find((i) => sameRepo(repo)(i.repo) && i.number === number);
      return issue && issueSnapshot(issue);
    },
    listComments: (repo, number) =>
      data.comments.filter((c) => sameRepo(repo)(c.issue.repo) && (number === undefined || c.issue.number === number)).map(commentSnapshot),
    seedIssue: (input) => {
      if (typeof input.title !== 'string' || input.title === '') throw new Error('seedIssue needs a title');
      const repo = repoNamed(input.repo);
      const assignees = (input.assignees ?? []).map((a) => userFor(data, a));
      for (const a of assignees) if (a !== repo.owner && !repo.collaborators.includes(a)) repo.collaborators.push(a);
      const issue = data.addIssue(repo, {
        title: input.title,
        body: input.body ?? null,
        user: input.author ? userFor(data, input.author) : me(),
        labels: input.labels ?? [],
        assignees,
        pullRequest: input.pullRequest ?? false,
      });
      for (const body of input.comments ?? []) data.addComment(issue, body, repo.owner);
      if (input.state === 'closed') data.setState(issue, 'closed', input.stateReason ?? 'completed', repo.owner);
      return issueSnapshot(issue);
    },
    seedRepo: (input) => {
      if (typeof input.name !== 'string' || input.name === '') throw new Error('seedRepo needs a name');
      const repo = data.addRepo({
        owner: input.owner ? userFor(data, input.owner) : me(),
        name: input.name,
        description: input.description ?? null,
        private: input.private ?? false,
        hasIssues: input.hasIssues ?? true,
        collaborators: (input.collaborators ?? []).map((c) => userFor(data, c)),
      });
      return repoSnapshot(repo);
    },
  };
}

/**
 * `/_emulator/github/*`: `GET state` (the snapshot), `POST issues` and `POST repos` (seed,
 * JSON bodies as `SeedIssueInput` / `SeedRepoInput`; 201 with the snapshot, 400 with `{ error }`).
 */
export function githubControlRoutes(controls: GithubDataControls): Hono {
  const app = new Hono();
  app.get('/state', (c) => c.json(controls.snapshot()));
  for (const [path, seed] of [['/issues', controls.seedIssue], ['/repos', controls.seedRepo]] as const) {
    app.post(path, async (c) => {
      try {
        return c.json((seed as (input: unknown) => unknown)(await c.req.json()), 201);
      } catch (error) {
        return c.json({ error: (error as Error).message }, 400);
      }
    });
  }
  return app;
}
