import { randomBytes } from 'node:crypto';

/**
 * The URL a flow's `webhook` trigger listens on: `POST /hooks/flows/<token>/<flowId>`. The
 * token (the instance's, 144 random bits, URL-safe) is what makes the URL unguessable; a
 * `signed` trigger also checks a Standard Webhooks signature with the instance's secret.
 *
 * @example flowWebhookUrl('https://weft.example.com', 'fwh_Zk3…', 'new-lead') // 'https://weft.example.com/hooks/flows/fwh_Zk3…/new-lead'
 */
export const flowWebhookUrl = (publicUrl: string, token: string, flowId: string) => `${publicUrl}/hooks/flows/${token}/${flowId}`;

export const newWebhookToken = () => `fwh_${randomBytes(18).toString('base64url')}`;
