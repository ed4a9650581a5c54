import { commonControls, createEmulatorApp } from '../common/core';
import { keepTokensInFile } from '../common/state-file';
import type { Emulator } from '../common/types';
import { accessTokenRoutes } from './access-token';
import { apiRoutes } from './api';
import { applicationRoutes } from './applications';
import { authorizeRoutes } from './authorize';
import { githubControlRoutes, githubDataControls, type GithubDataControls } from './controls';
import { githubFailure, restError } from './errors';
import { issueRoutes } from './issues';
import { repoRoutes } from './repos';
import { searchRoutes } from './search';
import { createGithubState, type GithubEmulatorOptions, type GithubIssueOptions } from './state';
import { issueDirectToken } from './tokens';
import { triageRoutes } from './triage';

export type { GithubEmulatorOptions, GithubIssueOptions } from './state';
export type { GithubUser } from './fixtures';
export type { CommentSnapshot, GithubDataControls, GithubSnapshot, IssueSnapshot, RepoSnapshot, SeedIssueInput, SeedRepoInput } from './controls';

export type GithubEmulator = Emulator<GithubIssueOptions> & GithubDataControls;

/**
 * GitHub on one origin: github.com's OAuth pages (`/login/oauth/*`) and the api.github.com
 * paths Weft uses (identity, repositories, issues, labels, assignees, comments, search).
 * Point both WEFT_GITHUB_AUTH_URL and WEFT_GITHUB_API_URL at it.
 *
 * @example
 * const github = createGithubEmulator({ secondaryRateLimit: { perMinute: 2 } });
 * const auth = { authorization: `Bearer ${github.issueToken()}` };
 * await github.app.request('/repos/octocat/hello-world/issues', { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Hi' }) });
 * github.listIssues('octocat/hello-world').at(-1); // { number: 5, title: 'Hi', … }
 */
export function createGithubEmulator(options: GithubEmulatorOptions = {}): GithubEmulator {
  const state = createGithubState(options);
  if (options.stateFile) keepTokensInFile(state.core.tokens, state.core.now, options.stateFile);
  const controls = commonControls(state.core, (issue?: GithubIssueOptions) => issueDirectToken(state, issue));
  const dataControls = githubDataControls(state);
  const app = createEmulatorApp(state.core, controls, githubFailure);
  app.route('/_emulator/github', githubControlRoutes(dataControls));
  app.route('/', authorizeRoutes(state));
  app.route('/', accessTokenRoutes(state));
  app.route('/', applicationRoutes(state));
  app.route('/', apiRoutes(state));
  app.route('/', repoRoutes(state));
  app.route('/', issueRoutes(state));
  app.route('/', triageRoutes(state));
  app.route('/', searchRoutes(state));
  app.notFound((c) => c.json(restError(404, 'Not Found'), 404));
  return { app, ...controls, ...dataControls };
}
