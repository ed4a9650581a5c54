import { z } from 'zod';
import { providerFieldsSchema } from '../providers/schema';

/** An action as served: its input schema as JSON Schema, for building forms. */
export const actionViewSchema = z.object({
  title: z.string(),
  description: z.string(),
  kind: z.enum(['read', 'write']),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type ActionView = z.infer<typeof actionViewSchema>;

/** A catalog entry as `GET /api/providers` serves it, plus whether this server can connect it. */
export const providerViewSchema = providerFieldsSchema.omit({ actions: true }).extend({
  actions: z.record(z.string(), actionViewSchema),
  /** False for an OAuth provider whose client id/secret are not set on the server. */
  configured: z.boolean(),
  /** The env vars an admin sets to configure it (empty when configured). */
  missingEnv: z.array(z.string()),
  /** False when Weft cannot check a pasted key for this provider, so it cannot accept one. */
  canVerifyKey: z.boolean(),
});
export type ProviderView = z.infer<typeof providerViewSchema>;

export const providersResponseSchema = z.object({ providers: z.array(providerViewSchema) });
export type ProvidersResponse = z.infer<typeof providersResponseSchema>;
