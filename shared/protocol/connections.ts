import { z } from 'zod';

export const connectionStatuses = ['active', 'expired', 'error'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** A connection as the browser sees it. No token, ever. */
export const connectionSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  createdBy: z.string(),
  authMode: z.enum(['oauth2', 'api_key', 'bot_token']),
  /** Whose account at the provider: login, portal id, workspace… */
  account: z.object({ id: z.string(), label: z.string() }).nullable(),
  status: z.enum(connectionStatuses),
  /** Why it is expired or in error, in words a user can act on. */
  statusReason: z.string().nullable(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** When the access token expires, if it does. */
  expiresAt: z.string().nullable(),
  /** How many flow instances use it (`GET /api/connections` only; absent elsewhere, e.g. in events). */
  instanceCount: z.number().int().min(0).optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const tokenCredentialsSchema = z.object({
  token: z.string().trim().min(8, 'Paste the whole token.').max(4096),
});

const nameSchema = z.string().trim().min(1, 'Give it a name.').max(80);

export const createConnectionSchema = z.object({
  provider: z.string().min(1),
  name: nameSchema.optional(),
  credentials: tokenCredentialsSchema,
});
export type CreateConnectionRequest = z.infer<typeof createConnectionSchema>;

export const updateConnectionSchema = z
  .object({ name: nameSchema.optional(), credentials: tokenCredentialsSchema.optional() })
  .refine((b) => b.name !== undefined || b.credentials !== undefined, 'Send a name or new credentials.');
export type UpdateConnectionRequest = z.infer<typeof updateConnectionSchema>;

/** Start OAuth. With `connectionId`, the consent renews that connection (Reconnect). */
export const authorizeRequestSchema = z.object({
  name: nameSchema.optional(),
  connectionId: z.string().optional(),
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;
/** The provider's consent page to open in a tab. */
export const authorizeResponseSchema = z.object({ url: z.string().url() });
export type AuthorizeResponse = z.infer<typeof authorizeResponseSchema>;

/** `GET /api/connections`: the caller's connections, oldest first. */
export const connectionsResponseSchema = z.object({ connections: z.array(connectionSchema) });
export type ConnectionsResponse = z.infer<typeof connectionsResponseSchema>;

/** One connection: created, claimed, renamed or given new credentials. */
export const connectionResponseSchema = z.object({ connection: connectionSchema });
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>;

/** `POST /api/connections/:id/test`: what the provider said, and the connection as it now is. */
export const testConnectionResponseSchema = z.object({ ok: z.boolean(), message: z.string(), connection: connectionSchema });
export type TestConnectionResponse = z.infer<typeof testConnectionResponseSchema>;

/**
 * `DELETE /api/connections/:id`: whether the provider confirmed the token is revoked, and a
 * sentence saying so. A connection flow instances use is refused (409 `connection_in_use`,
 * naming them) unless `?force=1`, which deletes it and pauses those instances.
 */
export const deleteConnectionResponseSchema = z.object({ deleted: z.literal(true), revoked: z.boolean(), message: z.string() });
export type DeleteConnectionResponse = z.infer<typeof deleteConnectionResponseSchema>;

/** `POST /api/connections/claim`: stores the pending grant, if the caller started its flow. */
export const claimGrantSchema = z.object({
  grant: z.string().min(1).max(200),
});
export type ClaimGrantRequest = z.infer<typeof claimGrantSchema>;
