import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../accounts/require-user';
import type { AppEnv } from '../app-context';
import { requireProvider } from '../connections/provider-context';
import { HttpError } from '../lib/http-error';
import { invalidRequest, parseJsonBody } from '../lib/parse-body';
import { runAction } from './executor';
import { claimKey, completeKey, failKey, requestHash } from './idempotency';
import { hasActionHandler } from './registry';

const envelope = z.object({ connectionId: z.string().optional(), input: z.unknown().default({}) });

/**
 * `POST /api/actions/:provider/:action` with `{connectionId?, input}` and an optional
 * `Idempotency-Key` header (the extension's outbox sends one per item).
 */
export const actionRoutes = new Hono<AppEnv>().use(requireUser).post('/:provider/:action', async (c) => {
  const { deps, user } = c.var;
  const provider = requireProvider(c.req.param('provider'));
  const actionId = c.req.param('action');
  // Own keys only: `constructor` or `__proto__` from the URL must not find Object's prototype.
  const definition = provider.actions && Object.hasOwn(provider.actions, actionId) ? provider.actions[actionId] : undefined;
  if (!definition || !hasActionHandler(provider.id, actionId)) {
    throw new HttpError(404, 'not_found', `${provider.name} has no action "${actionId}".`);
  }
  const body = await parseJsonBody(c, envelope);
  const parsed = definition.input.safeParse(body.input);
  if (!parsed.success) throw invalidRequest(parsed.error);
  const key = c.req.header('idempotency-key')?.trim();
  if (key !== undefined && (key.length < 8 || key.length > 200)) throw new HttpError(400, 'invalid_request', 'Idempotency-Key must be 8 to 200 characters.');
  if (!key) return c.json(await runAction(deps, user, provider, actionId, parsed.data, body.connectionId));

  const claim = await claimKey(deps.db, user.id, key, requestHash([provider.id, actionId, body.connectionId ?? null, parsed.data]));
  if (claim.kind === 'mismatch') throw new HttpError(422, 'invalid_request', 'This Idempotency-Key was already used for a different request.');
  if (claim.kind === 'in_progress') throw new HttpError(409, 'conflict', 'A request with this Idempotency-Key is still running. Retry shortly.', { 'Retry-After': '2' });
  if (claim.kind === 'replay') return c.json(claim.body as object, claim.status as 200, { 'Idempotent-Replayed': 'true' });
  try {
    const result = await runAction(deps, user, provider, actionId, parsed.data, body.connectionId);
    await completeKey(deps.db, user.id, key, 200, result);
    return c.json(result);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'provider_bad_answer' && definition.kind === 'write') {
      // The provider acted; only its answer was not understood. Final, so a retry cannot act twice.
      await completeKey(deps.db, user.id, key, error.status, { error: { code: error.code, message: error.message } });
    } else {
      // After a refusal the user fixes the cause and retries with the same key.
      await failKey(deps.db, user.id, key);
    }
    throw error;
  }
});
