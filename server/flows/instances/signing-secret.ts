import type { IntegrationDocument, Step } from '../../../shared/flows/document';
import type { Vault } from '../../connections/vault';
import { generateWebhookSecret } from '../../hooks/standard-webhooks';

/** Binds the sealed secret to its instance, so a ciphertext copied to another row fails to open. */
const signingSecretAad = (instanceId: string) => `flow_instance:${instanceId}:signing_secret`;

/**
 * A new Standard Webhooks secret (`whsec_…`) for an instance, and its sealed form for the
 * row. Every instance has one, used or not, so an upgrade to a version that signs needs no
 * new secret; the plain one leaves the server only in the answer that created it.
 */
export function newSigningSecret(vault: Vault, instanceId: string): { secret: string; sealed: string } {
  const secret = generateWebhookSecret();
  return { secret, sealed: vault.seal(secret, signingSecretAad(instanceId)) };
}

/** The instance's secret, for signing outbound webhooks and checking signed inbound ones. */
export function openSigningSecret(vault: Vault, row: { id: string; signing_secret: string }): string {
  return vault.open(row.signing_secret, signingSecretAad(row.id));
}

/**
 * Whether someone outside Weft needs the secret: a caller of a `signed` webhook trigger
 * signs with it, a receiver of a `webhook` step verifies with it.
 *
 * @example needsSigningSecret({ …, flows: [{ trigger: { type: 'webhook', signed: true }, steps: [] }] }) // true
 */
export function needsSigningSecret(document: IntegrationDocument): boolean {
  return document.flows.some((flow) => (flow.trigger.type === 'webhook' && flow.trigger.signed === true) || flow.steps.some(sendsWebhook));
}

function sendsWebhook(step: Step): boolean {
  if ('webhook' in step) return true;
  if ('branch' in step) return step.branch.some((b) => b.steps.some(sendsWebhook));
  if ('forEach' in step) return step.forEach.steps.some(sendsWebhook);
  return false;
}
