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

/**
 * The flows routes of the Weft server (integrations, versions, instances, templates), one
 * function per route as in `api.ts`. Documents travel as YAML text, so a 400 names the
 * line and column of the text the user typed.
 */
export const flowsApi = {
  integrations: () => request('/api/integrations', integrationsResponseSchema, authed),
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
