import { commonControls, createEmulatorApp } from '../common/core';
import type { Emulator } from '../common/types';
import { apiRoutes } from './api';
import { authorizeRoutes } from './authorize';
import { slackFailure } from './errors';
import { oauthAccessRoutes } from './oauth-access';
import { createSlackState, type SlackEmulatorOptions, type SlackIssueOptions } from './state';
import { issueBotToken } from './tokens';

export type { SlackEmulatorOptions, SlackIssueOptions } from './state';
export type { SlackInstall, SlackTeam } from './fixtures';

/**
 * Slack on one origin (as on slack.com): the install page `/oauth/v2/authorize` and the Web
 * API under `/api/`. Point both WEFT_SLACK_AUTH_URL and WEFT_SLACK_API_URL at it.
 *
 * @example
 * const slack = createSlackEmulator({ accessTokenTtlSeconds: 43200 }); // token rotation on
 * await slack.app.request('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${slack.issueToken()}` } });
 */
export function createSlackEmulator(options: SlackEmulatorOptions = {}): Emulator<SlackIssueOptions> {
  const state = createSlackState(options);
  const controls = commonControls(state.core, (issue?: SlackIssueOptions) => issueBotToken(state, issue));
  const app = createEmulatorApp(state.core, controls, slackFailure);
  app.route('/', authorizeRoutes(state));
  app.route('/', oauthAccessRoutes(state));
  app.route('/', apiRoutes(state));
  return { app, ...controls };
}
