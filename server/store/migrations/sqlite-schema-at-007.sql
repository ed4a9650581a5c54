-- index connections_one_per_account
CREATE UNIQUE INDEX "connections_one_per_account" on "connections" ("workspace_id", "provider", "account_id", "auth_mode");
-- index connections_workspace
CREATE INDEX "connections_workspace" on "connections" ("workspace_id");
-- index deliveries_received
CREATE INDEX "deliveries_received" on "deliveries" ("received_at");
-- index events_workspace_id
CREATE INDEX "events_workspace_id" on "events" ("workspace_id", "id");
-- index oauth_grants_expires_at
CREATE INDEX "oauth_grants_expires_at" on "oauth_grants" ("expires_at");
-- table connections
CREATE TABLE "connections" ("id" text primary key, "workspace_id" text not null references "workspaces" ("id") on delete cascade, "created_by" text not null references "users" ("id"), "provider" text not null, "name" text not null, "auth_mode" text not null, "account_id" text, "account_label" text, "scopes" text default '[]' not null, "status" text not null, "status_reason" text, "access_token" text not null, "refresh_token" text, "expires_at" text, "created_at" text not null, "updated_at" text not null, "last_used_at" text);
-- table deliveries
CREATE TABLE "deliveries" ("id" integer primary key autoincrement, "provider" text not null, "endpoint_id" text, "delivery_key" text, "event_type" text not null, "status" text not null, "reason" text, "workspace_ids" text default '[]' not null, "received_at" text not null, "body_preview" text not null, "body" text, "headers" text default '{}' not null, "event_count" integer default 0 not null);
-- table events
CREATE TABLE "events" ("id" integer primary key autoincrement, "workspace_id" text not null, "type" text not null, "provider" text not null, "connection_id" text, "delivery_id" integer, "summary" text not null, "payload" text, "created_at" text not null);
-- table idempotency_keys
CREATE TABLE "idempotency_keys" ("user_id" text not null, "key" text not null, "request_hash" text not null, "state" text not null, "response_status" integer, "response_body" text, "created_at" text not null, constraint "idempotency_keys_pk" primary key ("user_id", "key"));
-- table meta
CREATE TABLE "meta" ("key" text primary key, "value" text not null);
-- table oauth_grants
CREATE TABLE "oauth_grants" ("id_hash" text primary key, "user_id" text not null references "users" ("id") on delete cascade, "workspace_id" text not null, "provider" text not null, "connection_id" text, "name" text, "account_id" text not null, "account_label" text not null, "tokens" text, "state" text not null, "expires_at" text not null, "created_at" text not null);
-- table oauth_states
CREATE TABLE "oauth_states" ("state_hash" text primary key, "user_id" text not null references "users" ("id") on delete cascade, "workspace_id" text not null, "provider" text not null, "code_verifier" text, "connection_id" text, "name" text, "expires_at" text not null, "created_at" text not null);
-- table rejected_delivery_counts
CREATE TABLE "rejected_delivery_counts" ("endpoint_key" text not null, "hour" text not null, "provider" text not null, "endpoint_id" text, "workspace_ids" text default '[]' not null, "logged" integer default 0 not null, "dropped" integer default 0 not null, constraint "rejected_delivery_counts_pk" primary key ("endpoint_key", "hour"));
-- table user_sessions
CREATE TABLE "user_sessions" ("id" text primary key, "user_id" text not null references "users" ("id") on delete cascade, "expires_at" integer not null);
-- table users
CREATE TABLE "users" ("id" text primary key, "email" text not null unique, "password_hash" text not null, "created_at" text not null);
-- table webhook_endpoints
CREATE TABLE "webhook_endpoints" ("id" text primary key, "workspace_id" text not null references "workspaces" ("id") on delete cascade, "created_by" text not null, "name" text not null, "secret" text, "created_at" text not null);
-- table webhook_receipts
CREATE TABLE "webhook_receipts" ("provider" text not null, "delivery_key" text not null, "delivery_id" integer not null, constraint "webhook_receipts_pk" primary key ("provider", "delivery_key"));
-- table workspace_members
CREATE TABLE "workspace_members" ("workspace_id" text not null references "workspaces" ("id") on delete cascade, "user_id" text not null references "users" ("id") on delete cascade, "role" text not null, "created_at" text not null, constraint "workspace_members_pk" primary key ("workspace_id", "user_id"));
-- table workspaces
CREATE TABLE "workspaces" ("id" text primary key, "name" text not null, "personal" integer default 0 not null, "created_at" text not null);
