import {
  instanceCreatedResponseSchema,
  instanceResponseSchema,
  instancesResponseSchema,
  integrationDeletedSchema,
  integrationResponseSchema,
  integrationsResponseSchema,
  templateInstalledResponseSchema,
  templatesResponseSchema,
  versionResponseSchema,
  type DeployInstanceRequest,
  type InstallTemplateRequest,
  type PublishVersionRequest,
  type UpdateInstanceRequest,
  type UpdateVersionRequest,
} from '@@/shared/protocol/flows';
import { request, requestText } from './http';

const authed = { authed: true } as const;
const yaml = (content: string) => ({ text: { content, type: 'application/yaml' } });
const id = encodeURIComponent;

/** `GET /api/integrations`' search: words of `q` anywhere in name, description, category or labels; a label; a category. */
export type IntegrationSearch = { q?: string; label?: string; category?: string };

function searchParams(search: IntegrationSearch): string {
  const params = new URLSearchParams(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
  return params.size ? `?${params}` : '';
}

/**
 * The flows routes of the Weft server (integrations, versions, instances, templates), one
 * function per route as in `api.ts`. Documents travel as YAML text, so a 400 names the
 * line and column of the text the user typed.
 */
export const flowsApi = {
  /** The caller's integrations; with a search, only those matching it (the server searches). */
  integrations: (search: IntegrationSearch = {}) => request(`/api/integrations${searchParams(search)}`, integrationsResponseSchema, authed),
  integration: (integrationId: string) => request(`/api/integrations/${id(integrationId)}`, integrationResponseSchema, authed),
  createIntegration: (text: string) => request('/api/integrations', integrationResponseSchema, { method: 'POST', ...yaml(text), ...authed }),
  saveDraft: (integrationId: string, text: string) =>
    request(`/api/integrations/${id(integrationId)}/draft`, integrationResponseSchema, { method: 'PUT', ...yaml(text), ...authed }),
  fork: (integrationId: string) => request(`/api/integrations/${id(integrationId)}/fork`, integrationResponseSchema, { method: 'POST', ...authed }),
  deleteIntegration: (integrationId: string) =>
    request(`/api/integrations/${id(integrationId)}`, integrationDeletedSchema, { method: 'DELETE', ...authed }),

  publish: (integrationId: string, body: PublishVersionRequest) =>
    request(`/api/integrations/${id(integrationId)}/versions`, versionResponseSchema, { method: 'POST', body, ...authed }),
  version: (integrationId: string, version: number) => request(`/api/integrations/${id(integrationId)}/versions/${version}`, versionResponseSchema, authed),
  /** The version's document as the server exports it (YAML). */
  versionYaml: (integrationId: string, version: number) => requestText(`/api/integrations/${id(integrationId)}/versions/${version}`, 'application/yaml', authed),
  updateVersion: (integrationId: string, version: number, body: UpdateVersionRequest) =>
    request(`/api/integrations/${id(integrationId)}/versions/${version}`, versionResponseSchema, { method: 'PATCH', body, ...authed }),

  instances: () => request('/api/instances', instancesResponseSchema, authed),
  deploy: (body: DeployInstanceRequest) => request('/api/instances', instanceCreatedResponseSchema, { method: 'POST', body, ...authed }),
  updateInstance: (instanceId: string, body: UpdateInstanceRequest) =>
    request(`/api/instances/${id(instanceId)}`, instanceResponseSchema, { method: 'PATCH', body, ...authed }),

  templates: () => request('/api/templates', templatesResponseSchema, authed),
  installTemplate: (templateId: string, body: InstallTemplateRequest) =>
    request(`/api/templates/${id(templateId)}/install`, templateInstalledResponseSchema, { method: 'POST', body, ...authed }),
};
