import { z } from 'zod';
import type { Provider } from '../providers/schema';

/** An action as served: its input schema as JSON Schema, for building forms. */
export type ActionView = { title: string; description: string; kind: 'read' | 'write'; inputSchema: Record<string, unknown> };

/** A catalog entry as `GET /api/providers` serves it, plus whether this server can connect it. */
export type ProviderView = Omit<Provider, 'actions'> & {
  actions: Record<string, ActionView>;
  /** False for an OAuth provider whose client id/secret are not set on the server. */
  configured: boolean;
  /** The env vars an admin sets to configure it (empty when configured). */
  missingEnv: string[];
  /** False when Weft cannot check a pasted key for this provider, so it cannot accept one. */
  canVerifyKey: boolean;
};

export const providersResponseSchema = z.object({
  providers: z.array(z.custom<ProviderView>((v) => typeof v === 'object' && v !== null)),
});
export type ProvidersResponse = { providers: ProviderView[] };
