import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO-8601 strings (sortable, portable to
 * PostgreSQL as text or timestamptz); lucia's session expiry is unix seconds because
 * its adapter writes it that way.
 */
export interface Database {
  users: UsersTable;
  user_sessions: UserSessionsTable;
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  connections: ConnectionsTable;
  oauth_states: OAuthStatesTable;
  oauth_grants: OAuthGrantsTable;
  meta: MetaTable;
  deliveries: DeliveriesTable;
  webhook_receipts: WebhookReceiptsTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  idempotency_keys: IdempotencyKeysTable;
  rejected_delivery_counts: RejectedDeliveryCountsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  limit_stamps: LimitStampsTable;
  refresh_leases: RefreshLeasesTable;
  integrations: IntegrationsTable;
  integration_versions: IntegrationVersionsTable;
  flow_instances: FlowInstancesTable;
  flow_instance_connections: FlowInstanceConnectionsTable;
  flow_runs: FlowRunsTable;
  flow_run_steps: FlowRunStepsTable;
  flow_filtered: FlowFilteredTable;
  flow_schedule_ticks: FlowScheduleTicksTable;
  flow_webhook_deliveries: FlowWebhookDeliveriesTable;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: string;
}

export interface UserSessionsTable {
  /** SHA-256 (hex) of the session's Bearer token; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: number;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  /** 1 for the workspace created with a user; shared workspaces come later. */
  personal: number;
  created_at: string;
}

export interface WorkspaceMembersTable {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'member';
  created_at: string;
}

export interface ConnectionsTable {
  id: string;
  workspace_id: string;
  created_by: string;
  provider: string;
  name: string;
  auth_mode: 'oauth2' | 'api_key' | 'bot_token';
  account_id: string | null;
  account_label: string | null;
  /** JSON array of granted scope strings. */
  scopes: string;
  status: 'active' | 'expired' | 'error';
  status_reason: string | null;
  /** Vault ciphertexts; see server/connections/vault.ts. Never leave the server. */
  access_token: string;
  refresh_token: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
}

export interface OAuthStatesTable {
  /** SHA-256 of the state sent to the provider, so a copy of the database cannot replay one. */
  state_hash: string;
  user_id: string;
  workspace_id: string;
  provider: string;
  code_verifier: string | null;
  /** Set when the flow renews an existing connection (Reconnect). */
  connection_id: string | null;
  name: string | null;
  expires_at: string;
  created_at: string;
}

/**
 * A provider's consent waiting to be claimed by the Weft user who started the flow.
 * `state` moves pending → connected (claimed by that user) or discarded (claimed by
 * another user); `tokens` is emptied by either, so a grant is used at most once. The row
 * stays until `expires_at` so the result page can still say what became of it.
 */
export interface OAuthGrantsTable {
  /** SHA-256 of the grant id in the result page's URL; the id itself is never stored. */
  id_hash: string;
  /** Who started the flow (from the OAuth state): the only user who may claim it. */
  user_id: string;
  workspace_id: string;
  provider: string;
  connection_id: string | null;
  name: string | null;
  account_id: string;
  account_label: string;
  /** The token response, sealed with the vault and bound to this row (`grantAad`); null once used. */
  tokens: string | null;
  state: 'pending' | 'connected' | 'discarded';
  expires_at: string;
  created_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  provider: string;
  endpoint_id: string | null;
  delivery_key: string | null;
  event_type: string;
  status: 'accepted' | 'duplicate' | 'rejected' | 'unrouted';
  reason: string | null;
  /** JSON array of workspace ids that may see this delivery. */
  workspace_ids: string;
  received_at: string;
  body_preview: string;
  body: string | null;
  headers: string;
  event_count: number;
}

export interface WebhookReceiptsTable {
  provider: string;
  delivery_key: string;
  delivery_id: number;
}

export interface EventsTable {
  id: Generated<number>;
  workspace_id: string;
  type: string;
  provider: string;
  connection_id: string | null;
  delivery_id: number | null;
  /** JSON of EventSummary. */
  summary: string;
  /** JSON of the provider's payload (or Weft's own); NULL when it is the delivery's body. */
  payload: string | null;
  created_at: string;
}

export interface WebhookEndpointsTable {
  id: string;
  workspace_id: string;
  created_by: string;
  name: string;
  secret: string | null;
  created_at: string;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  /** SHA-256 of provider + action + input: the same key with another request is refused. */
  request_hash: string;
  /** `done` keeps a success for every retry; `failed` (refused or unreachable) lets a retry run again. */
  state: 'pending' | 'done' | 'failed';
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

/** Refused webhook requests per endpoint and UTC hour: rows written (capped) and counted only. */
export interface RejectedDeliveryCountsTable {
  endpoint_key: string;
  hour: string;
  provider: string;
  endpoint_id: string | null;
  workspace_ids: string;
  logged: number;
  dropped: number;
}

/** The embedded job engine's queue (server/jobs/sqlite-queue.ts). Times are ISO strings. */
export interface JobsTable {
  id: Generated<number>;
  task: string;
  payload: string;
  key: string | null;
  lane: string | null;
  state: 'waiting' | 'running' | 'dead';
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  failed_at: string | null;
}

/** One row per cron schedule: when it fires next (server/jobs/sqlite-schedules.ts). */
export interface JobSchedulesTable {
  name: string;
  cron: string;
  task: string;
  payload: string;
  next_at: string;
}

/** One turn counted in a sliding window (store/sliding-windows.ts): its window's key, and when it stops counting (epoch ms). */
export interface LimitStampsTable {
  key: string;
  expires_ms: number;
}

/** The instance refreshing a connection's token now (server/connections/refresh-lease.ts), until when (epoch ms). */
export interface RefreshLeasesTable {
  connection_id: string;
  holder: string;
  expires_ms: number;
}

export type { Generated };

// Integrations and flows (migration 013; what each column means is written there).

export interface IntegrationsTable {
  id: string;
  workspace_id: string;
  created_by: string;
  name: string;
  description: string;
  category: string;
  /** JSON array of lower-case labels. */
  labels: string;
  /** The editable document, as JSON. */
  draft: string;
  /** The draft's text when last saved as YAML, comments kept (migration 020); null after a JSON save; optional on insert. */
  draft_yaml: ColumnType<string | null, string | null | undefined, string | null>;
  /** Name, description, category and labels folded for search (migration 021); optional on insert. */
  search_text: ColumnType<string, string | undefined, string>;
  /** The category folded, for the category filter (migration 021); optional on insert. */
  category_key: ColumnType<string, string | undefined, string>;
  forked_from: string | null;
  created_at: string;
  updated_at: string;
}

export interface IntegrationVersionsTable {
  integration_id: string;
  version: number;
  note: string;
  /** The frozen document, as JSON. */
  document: string;
  /** The YAML text it was published from, comments kept, or null (migration 022); optional on insert. */
  yaml: ColumnType<string | null, string | null | undefined, string | null>;
  content_hash: string;
  available: number;
  template: number;
  published_by: string;
  published_at: string;
}

export type FlowInstanceStatus = 'active' | 'disabled' | 'paused';

export interface FlowInstancesTable {
  id: string;
  workspace_id: string;
  integration_id: string;
  version: number;
  name: string;
  /** JSON: config key → value (a connection variable holds a connection id). */
  config: string;
  status: FlowInstanceStatus;
  status_reason: string | null;
  webhook_token: string;
  /** Sealed by the vault (server/flows/steps/signing-secrets.ts). */
  signing_secret: string;
  /** Secrets replaced by a rotation that still sign until their time is up: sealed JSON, or null (migration 017); optional on insert. */
  previous_signing_secrets: ColumnType<string | null, string | null | undefined, string | null>;
  failure_alert: string | null;
  /** The failure alert's connection, written with `failure_alert` (migration 019); optional on insert. */
  alert_connection_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** `connection` when Weft paused it for a connection that stopped working (migration 015). */
  paused_by: 'connection' | null;
}

/** The connections an instance's config names (migration 015). */
export interface FlowInstanceConnectionsTable {
  instance_id: string;
  config_key: string;
  connection_id: string;
}

export type FlowRunStatus = 'running' | 'waiting' | 'succeeded' | 'failed';

export interface FlowRunsTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  integration_id: string;
  version: number;
  flow_id: string;
  trigger_type: string;
  /** JSON: the trigger's data (event payload, webhook body, manual input, schedule time). */
  trigger: string;
  event_id: number | null;
  dedupe_key: string | null;
  status: FlowRunStatus;
  error: string | null;
  rerun_of: string | null;
  started_at: string;
  finished_at: string | null;
  /** Flow runs that led to this one (0: started by a person, a webhook, a schedule or a provider's event); migration 018. */
  chain_depth: Generated<number>;
}

export type FlowStepStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'waiting';

export interface FlowRunStepsTable {
  run_id: string;
  step_key: string;
  step_id: string;
  seq: number;
  status: FlowStepStatus;
  input: string | null;
  output: string | null;
  output_truncated: number;
  output_hash: string | null;
  error: string | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface FlowFilteredTable {
  id: Generated<number>;
  workspace_id: string;
  instance_id: string;
  flow_id: string;
  trigger_type: string;
  event_id: number | null;
  reason: string;
  at: string;
}

export interface FlowScheduleTicksTable {
  instance_id: string;
  flow_id: string;
  next_ms: number;
}

export type FlowWebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** An outbound webhook of a flow's `webhook` step: its outbox row (migration 017). */
export interface FlowWebhookDeliveriesTable {
  /** The `webhook-id` sent with every try. */
  id: string;
  workspace_id: string;
  instance_id: string;
  run_id: string;
  step_key: string;
  url: string;
  body: string;
  status: FlowWebhookDeliveryStatus;
  attempts: number;
  next_attempt_ms: number;
  first_attempt_ms: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}
