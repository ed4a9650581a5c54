import type { Clock } from '../common/clock';

/**
 * The repositories, issues and comments behind api.github.com's data endpoints. Records
 * are plain objects the routes mutate in place; `json.ts` turns them into REST shapes and
 * `snapshot.ts` into the plain form tests read.
 */

/** A user as issues, comments and repositories name them (GitHub's "simple user"). */
export interface GithubUserRef {
  login: string;
  id: number;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface RepoRecord {
  id: number;
  owner: GithubUserRef;
  name: string;
  description: string | null;
  private: boolean;
  /** When false, issue endpoints answer 410 Gone like a repository with Issues switched off. */
  hasIssues: boolean;
  /** Logins (besides the owner) with push access: they can label, assign and close. */
  collaborators: GithubUserRef[];
  labels: LabelRecord[];
  language: string | null;
  createdAt: string;
  updatedAt: string;
  /** Issues and pull requests share one sequence, as on GitHub. */
  nextNumber: number;
}

export interface IssueRecord {
  id: number;
  repo: RepoRecord;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  user: GithubUserRef;
  /** Label names; each one is in `repo.labels`. */
  labels: string[];
  assignees: GithubUserRef[];
  comments: number;
  pullRequest: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: GithubUserRef | null;
}

export interface CommentRecord {
  id: number;
  issue: IssueRecord;
  body: string;
  user: GithubUserRef;
  createdAt: string;
  updatedAt: string;
}

/** GitHub's default label set for new repositories (name, colour, description). */
const DEFAULT_LABELS: [string, string, string][] = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];

export class GithubData {
  readonly repos: RepoRecord[] = [];
  readonly issues: IssueRecord[] = [];
  readonly comments: CommentRecord[] = [];
  /** Everyone the emulator can name as an author or assignee, by lower-case login. */
  readonly users = new Map<string, GithubUserRef>();
  readonly #now: Clock;
  #nextIssueId = 1_347_000_001;
  #nextCommentId = 1_100_000_001;
  #nextLabelId = 208_045_001;
  #nextRepoId = 1_300_000_001;

  constructor(now: Clock) {
    this.#now = now;
  }

  timestamp(): string {
    return new Date(this.#now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  addUser(user: GithubUserRef): GithubUserRef {
    const known = this.users.get(user.login.toLowerCase());
    if (known) return known;
    this.users.set(user.login.toLowerCase(), user);
    return user;
  }

  /** Repository names are case-insensitive on GitHub: `Octocat/Hello-World` finds `octocat/hello-world`. */
  findRepo(owner: string, name: string): RepoRecord | undefined {
    const o = owner.toLowerCase();
    const n = name.toLowerCase();
    return this.repos.find((r) => r.owner.login.toLowerCase() === o && r.name.toLowerCase() === n);
  }

  findIssue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return this.issues.find((i) => i.repo === repo && i.number === number);
  }

  addRepo(input: { owner: GithubUserRef; name: string; id?: number; description?: string | null; private?: boolean; hasIssues?: boolean; collaborators?: GithubUserRef[]; language?: string | null }): RepoRecord {
    if (this.findRepo(input.owner.login, input.name)) throw new Error(`repository ${input.owner.login}/${input.name} already exists`);
    const now = this.timestamp();
    const repo: RepoRecord = {
      id: input.id ?? this.#nextRepoId++,
      owner: this.addUser(input.owner),
      name: input.name,
      description: input.description ?? null,
      private: input.private ?? false,
      hasIssues: input.hasIssues ?? true,
      collaborators: (input.collaborators ?? []).map((u) => this.addUser(u)),
      labels: [],
      language: input.language ?? null,
      createdAt: now,
      updatedAt: now,
      nextNumber: 1,
    };
    for (const [name, color, description] of DEFAULT_LABELS) repo.labels.push({ id: this.#nextLabelId++, name, color, description, default: true });
    this.repos.push(repo);
    return repo;
  }

  /** The repository's label of that name (case-insensitive), created on the fly as GitHub does when an issue is labelled. */
  label(repo: RepoRecord, name: string): LabelRecord {
    const found = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    const label: LabelRecord = { id: this.#nextLabelId++, name, color: 'ededed', description: null, default: false };
    repo.labels.push(label);
    return label;
  }

  addIssue(repo: RepoRecord, input: { title: string; body?: string | null; user: GithubUserRef; labels?: string[]; assignees?: GithubUserRef[]; pullRequest?: boolean }): IssueRecord {
    const now = this.timestamp();
    const issue: IssueRecord = {
      id: this.#nextIssueId++,
      repo,
      number: repo.nextNumber++,
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      stateReason: null,
      user: this.addUser(input.user),
      labels: [],
      assignees: [],
      comments: 0,
      pullRequest: input.pullRequest ?? false,
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
    };
    this.setLabels(issue, input.labels ?? []);
    issue.assignees = dedupe(input.assignees ?? []);
    this.issues.push(issue);
    repo.updatedAt = now;
    return issue;
  }

  setLabels(issue: IssueRecord, names: string[]): void {
    issue.labels = [];
    for (const name of names) {
      const label = this.label(issue.repo, name);
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
  }

  /** Closing records who and when; reopening clears both, as GitHub's timeline does. */
  setState(issue: IssueRecord, state: 'open' | 'closed', reason: string | null, by: GithubUserRef): void {
    if (state === 'closed') {
      if (issue.state !== 'closed') {
        issue.closedAt = this.timestamp();
        issue.closedBy = by;
      }
      issue.stateReason = reason ?? 'completed';
    } else {
      if (issue.state === 'closed') issue.stateReason = reason ?? 'reopened';
      else if (reason !== null) issue.stateReason = reason;
      issue.closedAt = null;
      issue.closedBy = null;
    }
    issue.state = state;
  }

  addComment(issue: IssueRecord, body: string, user: GithubUserRef): CommentRecord {
    const now = this.timestamp();
    const comment: CommentRecord = { id: this.#nextCommentId++, issue, body, user: this.addUser(user), createdAt: now, updatedAt: now };
    this.comments.push(comment);
    issue.comments++;
    issue.updatedAt = now;
    return comment;
  }

  touch(issue: IssueRecord): void {
    issue.updatedAt = this.timestamp();
  }
}

export function dedupe(users: GithubUserRef[]): GithubUserRef[] {
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.login.toLowerCase()) && seen.add(u.login.toLowerCase()));
}

export const fullName = (repo: RepoRecord) => `${repo.owner.login}/${repo.name}`;
