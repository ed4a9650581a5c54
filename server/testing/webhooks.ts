import { createHmac, randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples' with { type: 'json' };
import { findProvider } from '../../shared/providers';
import { saveConnection } from '../connections/save-connection';
import { hubspotSignatureV3 } from '../providers/hubspot/webhook-verifier';
import type { TestApp } from './test-app';

export const SECRETS = {
  WEFT_GITHUB_WEBHOOK_SECRET: 'gh-webhook-secret',
  WEFT_SLACK_SIGNING_SECRET: 'slack-signing-secret',
  WEFT_HUBSPOT_CLIENT_ID: 'hubspot-client-id',
  WEFT_HUBSPOT_CLIENT_SECRET: 'hubspot-client-secret',
};

/** A real payload from @octokit/webhooks-examples, e.g. githubExample('issues', 'opened'). */
export function githubExample(event: string, action?: string): Record<string, any> {
  const group = (examples as { name: string; examples: Record<string, any>[] }[]).find((g) => g.name === event);
  const found = group?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`No example for ${event}.${action}`);
  return structuredClone(found);
}

/** Headers GitHub sends, signed with the test secret. */
export function githubHeaders(body: string, event: string, delivery: string = randomUUID()) {
  const sig = createHmac('sha256', SECRETS.WEFT_GITHUB_WEBHOOK_SECRET).update(body).digest('hex');
  return { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': delivery, 'x-hub-signature-256': `sha256=${sig}` };
}

export function slackHeaders(body: string, nowS = Math.floor(Date.now() / 1000)) {
  const sig = createHmac('sha256', SECRETS.WEFT_SLACK_SIGNING_SECRET).update(`v0:${nowS}:${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': String(nowS), 'x-slack-signature': `v0=${sig}` };
}

export function hubspotHeaders(body: string, uri = 'http://weft.test/hooks/hubspot', nowMs = Date.now()) {
  const sig = hubspotSignatureV3({ clientSecret: SECRETS.WEFT_HUBSPOT_CLIENT_SECRET, method: 'POST', uri, rawBody: body, timestamp: nowMs });
  return { 'content-type': 'application/json', 'x-hubspot-request-timestamp': String(nowMs), 'x-hubspot-signature-v3': sig };
}

/** Gives a user a connection whose account routing will match (no provider call). */
export async function connectAccount(t: TestApp, user: { id: string; workspaceId: string }, provider: string, account: { id: string; label: string }) {
  return saveConnection(t.deps.db, t.deps.vault, findProvider(provider)!, account, {
    authMode: 'api_key', accessToken: `token-${randomUUID()}`, refreshToken: null, expiresAt: null, scopes: [],
  }, { workspaceId: user.workspaceId, userId: user.id });
}

export const countEvents = (t: TestApp, type?: string) =>
  Number((t.deps.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM events ${type ? 'WHERE type = ?' : ''}`).get(...(type ? [type] : [])) as { n: number }).n);
