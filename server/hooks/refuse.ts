import type { Context } from 'hono';
import { addressKey } from '../accounts/address-key';
import { clientIp } from '../accounts/client-ip';
import type { AppDeps } from '../app-context';
import { HttpError } from '../lib/http-error';
import type { RejectedRequest } from './rejections';

/**
 * Refuses a webhook request: notes it (a delivery-log row within the hourly cap, else a
 * count; see rejections.ts) and throws its 4xx, or a 429 once the sender's address has
 * been refused too often. The reason is always in the answer, for whoever is configuring
 * the sender.
 */
export async function refuseWebhook(
  c: Context,
  deps: AppDeps,
  request: Omit<RejectedRequest, 'reason'>,
  answer: { status: 400 | 401; code: 'invalid_signature' | 'invalid_json' | 'invalid_request'; message: string },
): Promise<never> {
  // Per address as sign-in throttling counts them: an IPv6 /64 is one sender.
  const outcome = await deps.rejections.note(addressKey(clientIp(c, deps.config.trustProxy)), { ...request, reason: answer.message });
  if (outcome.kind === 'throttled') {
    const minutes = Math.ceil(outcome.retryAfterS / 60);
    throw new HttpError(
      429,
      'rate_limited',
      `${answer.message} This address has sent too many refused requests; they are no longer logged one by one. Fix the cause, then try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { 'Retry-After': String(outcome.retryAfterS) },
    );
  }
  throw new HttpError(answer.status, answer.code, answer.message);
}
