import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers for one try: `webhook-id` (the same on every try),
 * `webhook-timestamp` (this try's, in Unix seconds: receivers refuse stale ones) and
 * `webhook-signature`, one `v1,<base64>` per secret separated by spaces, which is how the
 * spec carries a rotation (a receiver checks whichever it knows).
 *
 * @example signedHeaders(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_1', new Date(), '{"a":1}')
 */
export function signedHeaders(secrets: string[], id: string, at: Date, body: string): Record<string, string> {
  const seconds = Math.floor(at.getTime() / 1000);
  const stamp = new Date(seconds * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, stamp, body)).join(' '),
  };
}
