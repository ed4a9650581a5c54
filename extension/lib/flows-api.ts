import type { DeployInstanceRequest, InstallTemplateRequest, PublishVersionRequest, UpdateInstanceRequest, UpdateVersionRequest } from '@@/shared/protocol/flows';
import { routeTo } from '@@/shared/protocol/routes';
import { sendToBackground } from './messaging/to-background';
import { callRoute, requestText } from './http';

const authed = { authed: true } as const;
const yaml = (content: string) => ({ text: { content, type: 'application/yaml' } });

/** `GET /api/integrations`' search: words of `q` anywhere in name, description, category or labels; a label; a category. */
export type IntegrationSearch = { q?: string; label?: string; category?: string };

/**
 * Which manual flows a person can start changed with this call (an instance deployed,
 * changed, turned on or off, deleted): the background re-reads them now, so the context
 * menu and the panels of open tabs follow at once instead of at its next alarm.
 */
async function instancesChanged<T>(call: Promise<T>): Promise<T> {
  const answer = await call;
  void sendToBackground('instancesChanged', undefined).catch((err: unknown) => console.warn('[weft] manual flows', err));
  return answer;
}

/**
 * The flows routes of the Weft server (integrations, versions, instances, templates), one
 * function per route as in `api.ts`, each through its row of `shared/protocol/routes.ts`.
 * Documents travel as YAML text, so a 400 names the line and column of the text the user typed.
 */
export const flowsApi = {
  /** The caller's integrations; with a search, only those matching it (the server searches). */
  integrations: (search: IntegrationSearch = {}) => callRoute('GET /api/integrations', {}, { query: search, ...authed }),
  integration: (id: string) => callRoute('GET /api/integrations/:id', { id }, authed),
  createIntegration: (text: string) => callRoute('POST /api/integrations', {}, { ...yaml(text), ...authed }),
  saveDraft: (id: string, text: string) => callRoute('PUT /api/integrations/:id/draft', { id }, { ...yaml(text), ...authed }),
  fork: (id: string) => callRoute('POST /api/integrations/:id/fork', { id }, authed),
  deleteIntegration: (id: string) => instancesChanged(callRoute('DELETE /api/integrations/:id', { id }, authed)),

  publish: (id: string, body: PublishVersionRequest) => callRoute('POST /api/integrations/:id/versions', { id }, { body, ...authed }),
  version: (id: string, n: number) => callRoute('GET /api/integrations/:id/versions/:n', { id, n }, authed),
  /** The version's document as the server exports it (YAML). */
  versionYaml: (id: string, n: number) => requestText(routeTo('GET /api/integrations/:id/versions/:n', { id, n }).path, 'application/yaml', authed),
  updateVersion: (id: string, n: number, body: UpdateVersionRequest) => callRoute('PATCH /api/integrations/:id/versions/:n', { id, n }, { body, ...authed }),

  instances: () => callRoute('GET /api/instances', {}, authed),
  deploy: (body: DeployInstanceRequest) => instancesChanged(callRoute('POST /api/instances', {}, { body, ...authed })),
  updateInstance: (id: string, body: UpdateInstanceRequest) => instancesChanged(callRoute('PATCH /api/instances/:id', { id }, { body, ...authed })),

  templates: () => callRoute('GET /api/templates', {}, authed),
  installTemplate: (id: string, body: InstallTemplateRequest) => instancesChanged(callRoute('POST /api/templates/:id/install', { id }, { body, ...authed })),
};
