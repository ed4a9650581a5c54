import { randomUUID } from 'node:crypto';
import { commonControls, createEmulatorApp } from '../common/core';
import { keepTokensInFile } from '../common/state-file';
import type { Emulator } from '../common/types';
import { apiRoutes } from './api';
import { authorizeRoutes } from './authorize';
import { hubspotControlRoutes, hubspotDataControls, type HubspotDataControls } from './crm-controls';
import { crmRoutes } from './crm-routes';
import { crmSettingsRoutes } from './crm-settings';
import { hubspotFailure } from './errors';
import { createHubspotState, type HubspotEmulatorOptions, type HubspotIssueOptions } from './state';
import { tokenAdminRoutes } from './token-admin';
import { tokenEndpointRoutes } from './token-endpoint';
import { issuePrivateAppToken } from './tokens';

export type { HubspotEmulatorOptions, HubspotIssueOptions } from './state';
export type { HubspotAccount, HubspotUser } from './fixtures';
export type { CrmObjectSnapshot, HubspotDataControls, HubspotSnapshot, SeedObjectOptions } from './crm-controls';
export type { CrmType } from './crm-schema';

export type HubspotEmulator = Emulator<HubspotIssueOptions> & HubspotDataControls;

/**
 * HubSpot on one origin: app.hubspot.com's install page (`/oauth/authorize`) and the
 * api.hubapi.com OAuth, account and CRM v3 paths (objects, search, pipelines, owners).
 * Point both WEFT_HUBSPOT_AUTH_URL and WEFT_HUBSPOT_API_URL at it.
 *
 * @example
 * const hubspot = createHubspotEmulator({ rateLimit: { max: 3 } });
 * await hubspot.app.request('/crm/v3/objects/contacts/10001', { headers: { authorization: `Bearer ${hubspot.issueToken()}` } });
 * hubspot.listObjects('notes'); // notes Weft logged, with their associations
 */
export function createHubspotEmulator(options: HubspotEmulatorOptions = {}): HubspotEmulator {
  const state = createHubspotState(options);
  if (options.stateFile) keepTokensInFile(state.core.tokens, state.core.now, options.stateFile);
  const controls = commonControls(state.core, (issue?: HubspotIssueOptions) => issuePrivateAppToken(state, issue));
  const dataControls = hubspotDataControls(state);
  const app = createEmulatorApp(state.core, controls, hubspotFailure);
  app.route('/_emulator/hubspot', hubspotControlRoutes(dataControls));
  app.route('/', authorizeRoutes(state));
  app.route('/', tokenEndpointRoutes(state));
  app.route('/', tokenAdminRoutes(state));
  app.route('/', apiRoutes(state));
  app.route('/', crmRoutes(state));
  app.route('/', crmSettingsRoutes(state));
  app.notFound((c) => c.json({ status: 'error', message: 'Resource not found', correlationId: randomUUID(), category: 'OBJECT_NOT_FOUND' }, 404));
  return { app, ...controls, ...dataControls };
}
