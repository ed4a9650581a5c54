import { commonControls, createEmulatorApp } from '../common/core';
import type { Emulator } from '../common/types';
import { accessTokenRoutes } from './access-token';
import { apiRoutes } from './api';
import { applicationRoutes } from './applications';
import { authorizeRoutes } from './authorize';
import { githubFailure, restError } from './errors';
import { createGithubState, type GithubEmulatorOptions, type GithubIssueOptions } from './state';
import { issueDirectToken } from './tokens';

export type { GithubEmulatorOptions, GithubIssueOptions } from './state';
export type { GithubUser } from './fixtures';

/**
 * GitHub on one origin: github.com's OAuth pages (`/login/oauth/*`) and the api.github.com
 * paths Weft uses. Point both WEFT_GITHUB_AUTH_URL and WEFT_GITHUB_API_URL at it.
 *
 * @example
 * const github = createGithubEmulator({ accessTokenTtlSeconds: 28800 });
 * const res = await github.app.request('/user', { headers: { authorization: `Bearer ${github.issueToken()}` } });
 */
export function createGithubEmulator(options: GithubEmulatorOptions = {}): Emulator<GithubIssueOptions> {
  const state = createGithubState(options);
  const controls = commonControls(state.core, (issue?: GithubIssueOptions) => issueDirectToken(state, issue));
  const app = createEmulatorApp(state.core, controls, githubFailure);
  app.route('/', authorizeRoutes(state));
  app.route('/', accessTokenRoutes(state));
  app.route('/', applicationRoutes(state));
  app.route('/', apiRoutes(state));
  app.notFound((c) => c.json(restError(404, 'Not Found'), 404));
  return { app, ...controls };
}
