import { z } from 'zod';
import {
  authResponseSchema,
  connectionSchema,
  meResponseSchema,
  providersResponseSchema,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type ConnectionResponse,
  type ConnectionsResponse,
  type CreateConnectionRequest,
  type Credentials,
  type DeleteConnectionResponse,
  type TestConnectionResponse,
  type UpdateConnectionRequest,
} from '@@/shared/protocol';
import { request } from './http';

// Envelopes the contract has types but no schemas for. Each is annotated with the
// contract's type, so a change in shared/protocol fails the typecheck here.
const connectionsResponse: z.ZodType<ConnectionsResponse> = z.object({ connections: z.array(connectionSchema) });
const connectionResponse: z.ZodType<ConnectionResponse> = z.object({ connection: connectionSchema });
const testResponse: z.ZodType<TestConnectionResponse> = z.object({
  ok: z.boolean(),
  message: z.string(),
  connection: connectionSchema,
});
const deleteResponse: z.ZodType<DeleteConnectionResponse> = z.object({
  deleted: z.literal(true),
  revoked: z.boolean(),
  message: z.string(),
});
const authorizeResponse: z.ZodType<AuthorizeResponse> = z.object({ url: z.string().url() });

const authed = { authed: true } as const;

/** The Weft server's HTTP API, one function per route (see shared/protocol). */
export const api = {
  signUp: (body: Credentials) => request('/api/auth/signup', authResponseSchema, { method: 'POST', body }),
  signIn: (body: Credentials) => request('/api/auth/signin', authResponseSchema, { method: 'POST', body }),
  signOut: () => request('/api/auth/signout', z.unknown(), { method: 'POST', ...authed }),
  me: () => request('/api/auth/me', meResponseSchema, authed),

  providers: () => request('/api/providers', providersResponseSchema, authed),

  connections: () => request('/api/connections', connectionsResponse, authed),
  createConnection: (body: CreateConnectionRequest) =>
    request('/api/connections', connectionResponse, { method: 'POST', body, ...authed }),
  authorize: (provider: string, body: AuthorizeRequest) =>
    request(`/api/connections/${encodeURIComponent(provider)}/authorize`, authorizeResponse, {
      method: 'POST',
      body,
      ...authed,
    }),
  testConnection: (id: string) =>
    request(`/api/connections/${encodeURIComponent(id)}/test`, testResponse, { method: 'POST', ...authed }),
  updateConnection: (id: string, body: UpdateConnectionRequest) =>
    request(`/api/connections/${encodeURIComponent(id)}`, connectionResponse, { method: 'PATCH', body, ...authed }),
  deleteConnection: (id: string) =>
    request(`/api/connections/${encodeURIComponent(id)}`, deleteResponse, { method: 'DELETE', ...authed }),

  /** Any 2xx means the server is up; `baseUrl` lets the options page test before saving. */
  health: (baseUrl?: string) => request('/health', z.unknown(), { baseUrl }),
};
