import { commonControls, createEmulatorApp } from '../common/core';
import { keepTokensInFile } from '../common/state-file';
import type { Emulator } from '../common/types';
import { apiRoutes } from './api';
import { authorizeRoutes } from './authorize';
import { slackControlRoutes, slackDataControls, type SlackDataControls } from './controls';
import { slackFailure } from './errors';
import { oauthAccessRoutes } from './oauth-access';
import { createSlackState, type SlackEmulatorOptions, type SlackIssueOptions } from './state';
import { issueBotToken } from './tokens';

export type { SlackEmulatorOptions, SlackIssueOptions } from './state';
export type { SlackInstall, SlackTeam } from './fixtures';
export type { ChannelSnapshot, MessageSnapshot, SeedChannelInput, SlackDataControls, SlackSnapshot } from './controls';

export type SlackEmulator = Emulator<SlackIssueOptions> & SlackDataControls;

/**
 * Slack on one origin (as on slack.com): the install page `/oauth/v2/authorize` and the Web
 * API under `/api/` (auth.test, auth.revoke, conversations.list, chat.postMessage).
 * Point both WEFT_SLACK_AUTH_URL and WEFT_SLACK_API_URL at it.
 *
 * @example
 * const slack = createSlackEmulator({ accessTokenTtlSeconds: 43200 }); // token rotation on
 * await slack.app.request('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${slack.issueToken()}` } });
 * slack.listMessages('#eng'); // what Weft posted there
 */
export function createSlackEmulator(options: SlackEmulatorOptions = {}): SlackEmulator {
  const state = createSlackState(options);
  if (options.stateFile) keepTokensInFile(state.core.tokens, state.core.now, options.stateFile);
  const controls = commonControls(state.core, (issue?: SlackIssueOptions) => issueBotToken(state, issue));
  const dataControls = slackDataControls(state);
  const app = createEmulatorApp(state.core, controls, slackFailure);
  app.route('/_emulator/slack', slackControlRoutes(dataControls));
  app.route('/', authorizeRoutes(state));
  app.route('/', oauthAccessRoutes(state));
  app.route('/', apiRoutes(state));
  return { app, ...controls, ...dataControls };
}
