import { z } from 'zod';
import type { ActionDefinition } from './actions/define';

/**
 * The catalog entry of one provider: declarative data only. The server's OAuth client,
 * the API-key check and the popup's "Add connection" screen are all driven by it.
 * Wire-format quirks do not belong here; they live in `server/providers/<id>/`.
 */

export const providerCategories = [
  'communication',
  'email',
  'calendar',
  'developer',
  'project-management',
  'spreadsheets-databases',
  'files-docs',
  'crm',
  'payments',
  'analytics',
  'support',
  'incident-management',
  'cms',
] as const;
export type ProviderCategory = (typeof providerCategories)[number];

export const categoryLabels: Record<ProviderCategory, string> = {
  communication: 'Communication',
  email: 'Email',
  calendar: 'Calendar',
  developer: 'Developer tools',
  'project-management': 'Project management',
  'spreadsheets-databases': 'Spreadsheets & databases',
  'files-docs': 'Files & documents',
  crm: 'CRM',
  payments: 'Payments',
  analytics: 'Analytics',
  support: 'Customer support',
  'incident-management': 'Incident management',
  cms: 'Websites & CMS',
};

export const authModes = ['oauth2', 'api_key', 'bot_token'] as const;
export type AuthMode = (typeof authModes)[number];

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https URL');

/** An https URL whose path may hold `{token}` (Telegram puts the bot token in the path). */
const httpsUrlTemplate = z
  .string()
  .refine((u) => u.startsWith('https://') && URL.canParse(u.replace('{token}', 'x')), 'must be an https URL');

export const scopeSchema = z.object({
  /** The scope string as the provider spells it. */
  name: z.string().min(1),
  /** One line a user understands: what Weft can do with it. */
  description: z.string().min(10).max(140),
});
export type Scope = z.infer<typeof scopeSchema>;

/**
 * How a credential is presented to the provider's API:
 * `bearer` → `Authorization: Bearer <t>`; `basic-user` → Basic with the token as user name
 * and an empty password; `authorization:<Scheme>` → `Authorization: <Scheme> <t>` (Discord's
 * `Bot`); `header:<Name>` → that header; `query:<name>` → that query parameter; `path` →
 * substituted for `{token}` in the URL.
 */
export const credentialPlacementSchema = z.union([
  z.literal('bearer'),
  z.literal('basic-user'),
  z.literal('path'),
  z.string().regex(/^authorization:[A-Za-z]+$/),
  z.string().regex(/^header:[A-Za-z0-9-]+$/),
  z.string().regex(/^query:[a-z_]+$/),
]);
export type CredentialPlacement = z.infer<typeof credentialPlacementSchema>;

export const oauthSchema = z.object({
  authorizationUrl: httpsUrl,
  tokenUrl: httpsUrl,
  /** Where a token can be revoked, when the provider documents one. */
  revocationUrl: httpsUrl.optional(),
  /** PKCE (S256) is sent when the provider supports it. */
  pkce: z.boolean(),
  /** How the provider joins scopes in the authorize URL (GitHub: space; Slack: comma). */
  scopeSeparator: z.enum([' ', ',']).default(' '),
  /** Extra query parameters the authorize URL needs (e.g. Google's `access_type=offline`). */
  authorizeParams: z.record(z.string(), z.string()).optional(),
});

export const apiKeySchema = z.object({
  /** The form label, e.g. "Private app access token". */
  label: z.string().min(3),
  /** Where to find it, in one or two sentences a user can follow. */
  help: z.string().min(20),
  helpUrl: httpsUrl,
  /** A hint of the token's shape shown in the empty field, e.g. `pat-na1-…`. */
  placeholder: z.string().optional(),
  placement: credentialPlacementSchema,
});

/** The call that proves a credential works and tells whose account it is. */
export const identitySchema = z.object({
  url: httpsUrlTemplate,
  method: z.enum(['GET', 'POST']).default('GET'),
  /** Dot paths into the JSON answer. */
  accountIdPath: z.string().min(1),
  accountLabelPath: z.string().min(1),
});

/** A catalog entry's fields, before the checks that span fields (`providerSchema`). */
export const providerFieldsSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case id, letters, digits and dashes'),
  name: z.string().min(2),
  category: z.enum(providerCategories),
  /** One line: what connecting it lets Weft do. */
  description: z.string().min(10).max(160),
  authMode: z.enum(authModes),
  docsUrl: httpsUrl,
  /**
   * The provider's hosts. `WEFT_<ID>_AUTH_URL` replaces the origin of URLs on `web`
   * (authorize and consent pages) and `WEFT_<ID>_API_URL` the origin of URLs on `api`.
   * A host with `{subdomain}` is per customer (Zendesk): the server needs those two
   * variables set to the customer's origin before it can connect.
   */
  hosts: z.object({ web: httpsUrl, api: httpsUrl }),
  scopes: z.array(scopeSchema),
  oauth: oauthSchema.optional(),
  apiKey: apiKeySchema.optional(),
  identity: identitySchema.optional(),
  /** What Weft can do there; input schemas are zod, served to the browser as JSON Schema. */
  actions: z.record(z.string().regex(/^[a-z_]+$/), z.custom<ActionDefinition>((a) => typeof a === 'object' && a !== null && 'input' in a && 'output' in a)).optional(),
});

export const providerSchema = providerFieldsSchema.superRefine((p, ctx) => {
  if (p.authMode === 'oauth2' && !p.oauth) {
    ctx.addIssue({ code: 'custom', message: 'an oauth2 provider needs its oauth URLs', path: ['oauth'] });
  }
  if (p.authMode !== 'oauth2' && !p.apiKey) {
    ctx.addIssue({ code: 'custom', message: 'a key-based provider needs apiKey help', path: ['apiKey'] });
  }
  for (const key of ['web', 'api'] as const) {
    const u = new URL(p.hosts[key]);
    if (u.pathname !== '/' || u.search) {
      ctx.addIssue({ code: 'custom', message: 'hosts are bare origins', path: ['hosts', key] });
    }
  }
});

export type ProviderInput = z.input<typeof providerSchema>;
export type Provider = z.output<typeof providerSchema>;

/** Typed helper for catalog files: `export default defineProvider({...})`. */
export function defineProvider(p: ProviderInput): ProviderInput {
  return p;
}
