import { z } from 'zod';
import { configVar, integrationDocument, LIMITS } from '../flows/document';

// The HTTP shapes of integrations, their versions, deployed instances and templates
// (issue 10). The document itself is `shared/flows/document.ts`; these are what the
// server answers around it and what it accepts. Every error body is `errorBodySchema`
// (shared/protocol/errors.ts); an invalid document's 400 also carries where it is wrong.

/** How many instances one integration can list, and one request can hold, at most. */
export const FLOW_API_LIMITS = {
  /** A document sent as YAML or JSON, in bytes (the document's own bound). */
  documentBytes: LIMITS.documentBytes,
  /** A version's note. */
  note: 2000,
  /** An instance's name. */
  instanceName: 200,
  /** Config values of one instance, as JSON, in bytes. */
  configBytes: 64 * 1024,
} as const;

// ---------------------------------------------------------------- triggers, as the extension needs them

/**
 * A flow's trigger without its `if` (which only the server evaluates): enough for the
 * extension to list manual flows for a page and to show what starts each flow.
 */
export const triggerSummarySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: z.string(), connection: z.string().nullable() }),
  z.object({ type: z.literal('webhook'), signed: z.boolean() }),
  z.object({ type: z.literal('schedule'), cron: z.string(), timezone: z.string() }),
  z.object({
    type: z.literal('manual'),
    /** Where besides the popup the user can start it (`github.issue`, `selection`, …); empty: the popup only. */
    from: z.array(z.string()),
    /** JSON Schema of the input the popup's form asks for, or null when the flow takes none. */
    inputSchema: z.record(z.string(), z.unknown()).nullable(),
  }),
]);
export type TriggerSummary = z.infer<typeof triggerSummarySchema>;

export const flowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  trigger: triggerSummarySchema,
  /** How many steps it has at its top level. */
  stepCount: z.number().int().min(0),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;

// ---------------------------------------------------------------- integrations and versions

/** A published version without its document: list rows, version history. */
export const versionSummarySchema = z.object({
  integrationId: z.string(),
  /** 1, 2, … per integration. */
  version: z.number().int().positive(),
  note: z.string(),
  /** sha256 (hex) of the document's canonical JSON: two versions with one hash are the same document. */
  contentHash: z.string(),
  /** May be deployed. An unavailable version keeps running where it is deployed, but no new deploy or upgrade may pick it. */
  available: z.boolean(),
  /** Offered in the template gallery of its workspace. */
  template: z.boolean(),
  publishedBy: z.string(),
  publishedAt: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

/** One version with its frozen document. */
export const versionSchema = versionSummarySchema.extend({ document: integrationDocument });
export type Version = z.infer<typeof versionSchema>;

/** An integration as the list shows it. Name, description, category and labels are the draft's. */
export const integrationSummarySchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  labels: z.array(z.string()),
  /** The integration this one was forked from, or a template installed from (null when neither; it may since have been deleted). */
  forkedFrom: z.string().nullable(),
  /** The highest published version number, null before the first publish. */
  latestVersion: z.number().int().positive().nullable(),
  instanceCount: z.number().int().min(0),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntegrationSummary = z.infer<typeof integrationSummarySchema>;

// ---------------------------------------------------------------- instances

/** A Slack channel id (`C…` public, `G…` private, `D…` a direct message), as Slack shows it in a channel's details. */
export const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'Use the Slack channel’s id, like C0123ABCD (in Slack: open the channel’s details; the id is at the bottom).');

/**
 * Where a failed run of the instance is also reported: a message in this Slack channel,
 * posted with this Slack connection of the workspace (its id). Null: no Slack alert (the
 * owner's browsers are told all the same).
 */
export const failureAlertSchema = z.object({ connection: z.string().min(1).max(100), channel: slackChannelId });
export type FailureAlert = z.infer<typeof failureAlertSchema>;

export const flowInstanceStatuses = ['active', 'disabled', 'paused'] as const;
export type FlowInstanceStatus = (typeof flowInstanceStatuses)[number];

/**
 * A deployed version. `config` holds the values as set (a connection variable's value is
 * a connection id, never a token). The signing secret is never part of it: see
 * `instanceCreatedResponseSchema`.
 */
export const flowInstanceSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  integrationId: z.string(),
  integrationName: z.string(),
  /** The version new runs start on; runs in flight keep the one they started on. */
  version: z.number().int().positive(),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  /** `active` runs; `disabled` was turned off by a person; `paused` was stopped by Weft, for `statusReason`. */
  status: z.enum(flowInstanceStatuses),
  /** Why it is paused, in words a user can act on ("GitHub (Work) expired: reconnect it to resume."). */
  statusReason: z.string().nullable(),
  /** The flows of its version, with their triggers. */
  flows: z.array(flowSummarySchema),
  /** One URL per flow with a `webhook` trigger: `POST` to it fires that flow (`/hooks/flows/<token>/<flowId>`). */
  webhookUrls: z.array(z.object({ flowId: z.string(), url: z.string() })),
  /** Where a failed run is also posted in Slack, or null (also when a server from before it answers). */
  failureAlert: failureAlertSchema.nullable().default(null),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FlowInstance = z.infer<typeof flowInstanceSchema>;

/** An integration with its draft, its versions (newest first) and the instances deployed from it (deleting it removes them). */
export const integrationDetailSchema = integrationSummarySchema.extend({
  draft: integrationDocument,
  /** The draft as its author last saved it in YAML, comments and layout kept (the editor opens this); null when last saved as JSON. */
  draftYaml: z.string().nullable(),
  versions: z.array(versionSummarySchema),
  instances: z.array(flowInstanceSchema),
});
export type IntegrationDetail = z.infer<typeof integrationDetailSchema>;

// ---------------------------------------------------------------- templates

export const templateSchema = z.object({
  /** `builtin:<slug>` for the gallery Weft ships, `<integrationId>:v<n>` for a version the workspace marked as a template. */
  id: z.string(),
  source: z.enum(['builtin', 'workspace']),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  labels: z.array(z.string()),
  /** What installing asks for: connections and config values. */
  configVars: z.array(configVar),
  flows: z.array(flowSummarySchema),
  document: integrationDocument,
  /** For a workspace template, the version it is. */
  integrationId: z.string().nullable(),
  version: z.number().int().positive().nullable(),
});
export type Template = z.infer<typeof templateSchema>;

// ---------------------------------------------------------------- requests

/** `POST /api/integrations/:id/versions`: publish the draft. */
export const publishVersionRequestSchema = z.object({ note: z.string().trim().max(FLOW_API_LIMITS.note).default('') });
export type PublishVersionRequest = z.input<typeof publishVersionRequestSchema>;

/** `PATCH /api/integrations/:id/versions/:n`. */
export const updateVersionRequestSchema = z
  .object({ available: z.boolean().optional(), template: z.boolean().optional() })
  .refine((b) => b.available !== undefined || b.template !== undefined, 'Send available or template.');
export type UpdateVersionRequest = z.infer<typeof updateVersionRequestSchema>;

/** Config values of an instance, by config key. Connection variables take a connection id. */
export const configValuesSchema = z.record(z.string().max(64), z.unknown());

const instanceName = z.string().trim().min(1, 'Give it a name.').max(FLOW_API_LIMITS.instanceName);

/** `POST /api/instances`: deploy an available version into the caller's workspace. */
export const deployInstanceRequestSchema = z.object({
  integrationId: z.string().min(1).max(100),
  version: z.number().int().positive(),
  config: configValuesSchema.default({}),
  /** The integration's name when absent. */
  name: instanceName.optional(),
  /** Where a failed run is also posted in Slack; none when absent or null. */
  failureAlert: failureAlertSchema.nullable().optional(),
});
export type DeployInstanceRequest = z.input<typeof deployInstanceRequestSchema>;

/**
 * `PATCH /api/instances/:id`: upgrade or roll back (`version`), turn on or off
 * (`enabled`), new config values (replacing all of them), rename, set or clear (null)
 * the failure alert. Enabling a paused instance whose connections work again resumes it.
 */
export const updateInstanceRequestSchema = z
  .object({
    version: z.number().int().positive().optional(),
    enabled: z.boolean().optional(),
    config: configValuesSchema.optional(),
    name: instanceName.optional(),
    failureAlert: failureAlertSchema.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send version, enabled, config, name or failureAlert.');
export type UpdateInstanceRequest = z.infer<typeof updateInstanceRequestSchema>;

/** `POST /api/templates/:id/install`: the integration and its instance in one step. */
export const installTemplateRequestSchema = z.object({
  config: configValuesSchema.default({}),
  name: instanceName.optional(),
});
export type InstallTemplateRequest = z.input<typeof installTemplateRequestSchema>;

// ---------------------------------------------------------------- responses

/** `GET /api/integrations?q=&label=&category=`: the caller's integrations, most recently changed first. */
export const integrationsResponseSchema = z.object({ integrations: z.array(integrationSummarySchema) });
export type IntegrationsResponse = z.infer<typeof integrationsResponseSchema>;

/** `POST /api/integrations` (201), `GET /api/integrations/:id`, `PUT …/draft`, `POST …/fork` (201). */
export const integrationResponseSchema = z.object({ integration: integrationDetailSchema });
export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;

/** `DELETE /api/integrations/:id`: the instances it removed with it. */
export const integrationDeletedSchema = z.object({
  deleted: z.literal(true),
  instancesRemoved: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type IntegrationDeleted = z.infer<typeof integrationDeletedSchema>;

/** `POST /api/integrations/:id/versions` (201), `GET …/versions/:n` (JSON), `PATCH …/versions/:n`. */
export const versionResponseSchema = z.object({ version: versionSchema });
export type VersionResponse = z.infer<typeof versionResponseSchema>;

/** `GET /api/instances`: the caller's instances, oldest first. */
export const instancesResponseSchema = z.object({ instances: z.array(flowInstanceSchema) });
export type InstancesResponse = z.infer<typeof instancesResponseSchema>;

/**
 * `PATCH /api/instances/:id`. `signingSecret` is null, except when this change moved the
 * instance to a version that needs it (a signed webhook trigger or a webhook step) from one
 * that did not: it was never shown, so it is shown now, this once.
 */
export const instanceResponseSchema = z.object({ instance: flowInstanceSchema, signingSecret: z.string().nullable() });
export type InstanceResponse = z.infer<typeof instanceResponseSchema>;

/**
 * `POST /api/instances` (201). `signingSecret` (`whsec_…`, Standard Webhooks) is in this
 * answer only, and only when the version needs it: a `signed` webhook trigger (callers
 * sign with it) or a `webhook` step (receivers verify with it). Weft keeps it sealed and
 * never shows it again.
 */
export const instanceCreatedResponseSchema = z.object({ instance: flowInstanceSchema, signingSecret: z.string().nullable() });
export type InstanceCreatedResponse = z.infer<typeof instanceCreatedResponseSchema>;

/** `DELETE /api/instances/:id`. */
export const instanceDeletedSchema = z.object({ deleted: z.literal(true) });

/** `GET /api/templates`: the built-in gallery, then the caller's workspace templates. */
export const templatesResponseSchema = z.object({ templates: z.array(templateSchema) });
export type TemplatesResponse = z.infer<typeof templatesResponseSchema>;

/** `POST /api/templates/:id/install` (201): the new integration (version 1 published and available) and its instance. */
export const templateInstalledResponseSchema = z.object({
  integration: integrationDetailSchema,
  instance: flowInstanceSchema,
  signingSecret: z.string().nullable(),
});
export type TemplateInstalledResponse = z.infer<typeof templateInstalledResponseSchema>;

// ---------------------------------------------------------------- errors with more than a message

/** Where an invalid document is wrong: the first problem's `line` / `column` are also on the error itself. */
export const documentProblemSchema = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  /** 1-based, in the text as sent (YAML or JSON). */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type DocumentProblem = z.infer<typeof documentProblemSchema>;

/** An instance a refusal names: who uses the connection being deleted, who an integration's delete removes. */
export const instanceRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `connection_in_use`: the instance uses the connection only to post its failure alert; deleting the connection turns the alert off and the flows keep running. */
  alertOnly: z.boolean().optional(),
});
export type InstanceRef = z.infer<typeof instanceRefSchema>;

// ---------------------------------------------------------------- the instance event

/**
 * The event type that tells the workspace's browsers an instance changed: paused by Weft
 * or resumed (the owner is notified), or deployed, changed or deleted by someone (every
 * browser re-reads its manual flows, so menus and panels follow a change made elsewhere).
 */
export const flowInstanceUpdatedType = 'flow.instance.updated';

/** Its payload: the instance as it now is (as it was, when deleted), and what happened (paused: why). */
export const flowInstanceUpdatedPayloadSchema = z.object({
  instance: z.object({ id: z.string(), name: z.string(), status: z.enum(flowInstanceStatuses), statusReason: z.string().nullable() }),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('paused'), reason: z.string() }),
    z.object({ kind: z.literal('resumed') }),
    z.object({ kind: z.literal('deployed'), version: z.number().int() }),
    z.object({ kind: z.literal('changed'), version: z.number().int() }),
    z.object({ kind: z.literal('deleted') }),
  ]),
});
export type FlowInstanceUpdatedPayload = z.infer<typeof flowInstanceUpdatedPayloadSchema>;
