import { randomUUID } from 'node:crypto';
import { commonControls, createEmulatorApp } from '../common/core';
import type { Emulator } from '../common/types';
import { apiRoutes } from './api';
import { authorizeRoutes } from './authorize';
import { hubspotFailure } from './errors';
import { createHubspotState, type HubspotEmulatorOptions, type HubspotIssueOptions } from './state';
import { tokenAdminRoutes } from './token-admin';
import { tokenEndpointRoutes } from './token-endpoint';
import { issuePrivateAppToken } from './tokens';

export type { HubspotEmulatorOptions, HubspotIssueOptions } from './state';
export type { HubspotAccount, HubspotUser } from './fixtures';

/**
 * HubSpot on one origin: app.hubspot.com's install page (`/oauth/authorize`) and the
 * api.hubapi.com OAuth and account paths. Point both WEFT_HUBSPOT_AUTH_URL and
 * WEFT_HUBSPOT_API_URL at it.
 *
 * @example
 * const hubspot = createHubspotEmulator({ rateLimit: { max: 3 } });
 * await hubspot.app.request('/account-info/v3/details', { headers: { authorization: `Bearer ${hubspot.issueToken()}` } });
 */
export function createHubspotEmulator(options: HubspotEmulatorOptions = {}): Emulator<HubspotIssueOptions> {
  const state = createHubspotState(options);
  const controls = commonControls(state.core, (issue?: HubspotIssueOptions) => issuePrivateAppToken(state, issue));
  const app = createEmulatorApp(state.core, controls, hubspotFailure);
  app.route('/', authorizeRoutes(state));
  app.route('/', tokenEndpointRoutes(state));
  app.route('/', tokenAdminRoutes(state));
  app.route('/', apiRoutes(state));
  app.notFound((c) => c.json({ status: 'error', message: 'Resource not found', correlationId: randomUUID(), category: 'OBJECT_NOT_FOUND' }, 404));
  return { app, ...controls };
}
