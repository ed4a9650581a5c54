import { createHmac, randomUUID } from 'node:crypto';

/**
 * Webhook requests signed the way each provider signs them, for tests, benchmarks and the
 * demo. Written from the providers' documented recipes on node:crypto, not with Weft's own
 * signers, so a request signed here is evidence that Weft's verifiers agree with the
 * provider, not with themselves.
 */

/** The secrets a test server is configured with (spread into its env) and these helpers sign with. */
export const WEBHOOK_SECRETS = {
  WEFT_GITHUB_WEBHOOK_SECRET: 'gh-webhook-secret',
  WEFT_SLACK_SIGNING_SECRET: 'slack-signing-secret',
  WEFT_HUBSPOT_CLIENT_ID: 'hubspot-client-id',
  // HubSpot signs its webhooks with the app's client secret.
  WEFT_HUBSPOT_CLIENT_SECRET: 'hubspot-client-secret',
};

/** GitHub's `X-Hub-Signature-256`: `sha256=` + hex HMAC-SHA256(webhook secret, raw body). */
export function githubSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Slack's `X-Slack-Signature`: `v0=` + hex HMAC-SHA256(signing secret, `v0:<seconds>:<raw body>`). */
export function slackSignature(secret: string, timestampS: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
}

/**
 * HubSpot's `X-HubSpot-Signature-v3`: base64 HMAC-SHA256(client secret, method + URI + raw
 * body + timestamp in ms). HubSpot decodes a few percent-escapes in the URI first; the URIs
 * signed here hold none, so that step is left to the verifier's own tests.
 */
export function hubspotSignatureV3(secret: string, method: string, uri: string, body: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestampMs}`).digest('base64');
}

/** Standard Webhooks' `webhook-signature`: `v1,` + base64 HMAC-SHA256(the bytes base64-encoded after `whsec_`, `<id>.<seconds>.<raw body>`). */
export function standardWebhookSignature(secret: string, id: string, timestampS: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampS}.${body}`).digest('base64')}`;
}

/** The headers GitHub sends with a delivery of `event`. */
export function githubHeaders(
  body: string,
  event: string,
  delivery: string = randomUUID(),
  secret = WEBHOOK_SECRETS.WEFT_GITHUB_WEBHOOK_SECRET,
): Record<string, string> {
  return { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': delivery, 'x-hub-signature-256': githubSignature(secret, body) };
}

/** The headers Slack sends, signed with the test signing secret. */
export function slackHeaders(body: string, nowS = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = slackSignature(WEBHOOK_SECRETS.WEFT_SLACK_SIGNING_SECRET, nowS, body);
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': String(nowS), 'x-slack-signature': signature };
}

/** The headers HubSpot sends to `uri` (the test app's public URL + /hooks/hubspot), signed with the test client secret. */
export function hubspotHeaders(body: string, uri = 'http://weft.test/hooks/hubspot', nowMs = Date.now()): Record<string, string> {
  const signature = hubspotSignatureV3(WEBHOOK_SECRETS.WEFT_HUBSPOT_CLIENT_SECRET, 'POST', uri, body, nowMs);
  return { 'content-type': 'application/json', 'x-hubspot-request-timestamp': String(nowMs), 'x-hubspot-signature-v3': signature };
}

/** The headers a Standard Webhooks sender (the sender of a Weft custom endpoint) sends. */
export function standardWebhookHeaders(
  secret: string,
  body: string,
  id = `msg_${randomUUID()}`,
  nowS = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(nowS), 'webhook-signature': standardWebhookSignature(secret, id, nowS, body) };
}
