import { Hono } from 'hono';
import { credentialsSchema, type AuthResponse } from '../../shared/protocol/auth';
import type { AppEnv } from '../app-context';
import { tooManyAttempts } from '../../shared/messages/wait';
import { HttpError } from '../lib/http-error';
import { parseJsonBody } from '../lib/parse-body';
import { clientIp } from './client-ip';
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
    const { db, lucia, limiters, config } = c.var.deps;
    const wait = limiters.authPerIp.hit(clientIp(c, config.trustProxy));
    if (wait) throw tooMany(wait);
    const { email, password } = await parseJsonBody(c, credentialsSchema);
    if (await findUserByEmail(db, email)) {
      throw new HttpError(409, 'email_taken', 'An account with this email already exists. Sign in instead.');
    }
    const user = createUser(c.var.deps.store, email, await hashPassword(password));
    const session = await lucia.createSession(user.id, {});
    return c.json({ token: session.id, user } satisfies AuthResponse, 201);
  })
  .post('/signin', async (c) => {
    const { db, lucia, limiters, config } = c.var.deps;
    const ipWait = limiters.authPerIp.hit(clientIp(c, config.trustProxy));
    if (ipWait) throw tooMany(ipWait);
    const { email, password } = await parseJsonBody(c, credentialsSchema);
    const emailWait = limiters.signInPerEmail.hit(email);
    if (emailWait) throw tooMany(emailWait);
    const row = await findUserByEmail(db, email);
    // Verify even for an unknown email so the answer takes the same time either way.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new HttpError(401, 'invalid_credentials', WRONG);
    limiters.signInPerEmail.reset(email);
    const session = await lucia.createSession(row.id, {});
    const user = { id: row.id, email: row.email, workspaceId: await personalWorkspaceId(db, row.id) };
    return c.json({ token: session.id, user } satisfies AuthResponse);
  })
  .post('/signout', requireUser, async (c) => {
    await c.var.deps.lucia.invalidateSession(c.var.sessionId);
    // Live push streams of this session close now, not at their next re-check.
    c.var.deps.sessionEnds.announce(c.var.sessionId);
    return c.json({ signedOut: true });
  })
  .get('/me', requireUser, (c) => c.json({ user: c.var.user }));
