import { Hono } from 'hono';
import { credentialsSchema, type AuthResponse } from '../../shared/protocol/auth';
import type { AppEnv } from '../app-context';
import { tooManyAttempts } from '../../shared/messages/wait';
import { HttpError } from '../lib/http-error';
import { parseJsonBody } from '../lib/parse-body';
import { clientIp } from './client-ip';
import { passwordProblem } from './password-policy';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { requireUser } from './require-user';
import { createUser, findUserByEmail, personalWorkspaceId } from './users';

const WRONG = 'Email or password is incorrect.';

const tooMany = (seconds: number) =>
  new HttpError(429, 'rate_limited', tooManyAttempts(seconds), {
    'Retry-After': String(seconds),
  });

export const authRoutes = new Hono<AppEnv>()
  .post('/signup', async (c) => {
    const { db, lucia, signInThrottle, config } = c.var.deps;
    const wait = await signInThrottle.address(clientIp(c, config.trustProxy));
    if (wait) throw tooMany(wait);
    const { email, password } = await parseJsonBody(c, credentialsSchema);
    const problem = passwordProblem(password);
    if (problem) throw new HttpError(400, 'weak_password', problem);
    if (await findUserByEmail(db, email)) {
      throw new HttpError(409, 'email_taken', 'An account with this email already exists. Sign in instead.');
    }
    const user = await createUser(c.var.deps.store, email, await hashPassword(password));
    const { token } = await lucia.createSession(user.id);
    return c.json({ token, user } satisfies AuthResponse, 201);
  })
  .post('/signin', async (c) => {
    const { db, lucia, signInThrottle, config } = c.var.deps;
    const ip = clientIp(c, config.trustProxy);
    const ipWait = await signInThrottle.address(ip);
    if (ipWait) throw tooMany(ipWait);
    const { email, password } = await parseJsonBody(c, credentialsSchema);
    const wait = await signInThrottle.attempt(ip, email);
    if (wait) throw tooMany(wait);
    const row = await findUserByEmail(db, email);
    // Verify even for an unknown email so the answer takes the same time either way.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) {
      await signInThrottle.failed(email);
      throw new HttpError(401, 'invalid_credentials', WRONG);
    }
    await signInThrottle.succeeded(ip, email);
    const { token } = await lucia.createSession(row.id);
    const user = { id: row.id, email: row.email, workspaceId: await personalWorkspaceId(db, row.id) };
    return c.json({ token, user } satisfies AuthResponse);
  })
  .post('/signout', requireUser, async (c) => {
    await c.var.deps.lucia.invalidateSession(c.var.sessionId);
    // Live push streams of this session close now, on every instance, not at their next re-check.
    await c.var.deps.sessionEnds.announce(c.var.sessionId);
    return c.json({ signedOut: true });
  })
  .get('/me', requireUser, (c) => c.json({ user: c.var.user }));
