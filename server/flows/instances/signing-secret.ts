import type { IntegrationDocument, Step } from '../../../shared/flows/document';
import type { Vault } from '../../connections/vault';
import { newSealedSigningSecret, signingSecrets } from '../steps/signing-secrets';
import type { InstanceRow } from './repository';

/**
 * A new Standard Webhooks secret (`whsec_…`) for an instance, and its sealed form for the
 * row (sealed as server/flows/steps/signing-secrets.ts, which signs and rotates with it).
 * Every instance has one, used or not, so an upgrade to a version that signs needs no new
 * secret; the plain one leaves the server only in an answer that shows it once.
 */
export const newSigningSecret = (vault: Vault, instanceId: string) => newSealedSigningSecret(vault, instanceId);

/** The instance's current secret. */
export function openSigningSecret(vault: Vault, row: Pick<InstanceRow, 'id' | 'signing_secret' | 'previous_signing_secrets'>): string {
  return signingSecrets(vault, row)[0]!;
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
