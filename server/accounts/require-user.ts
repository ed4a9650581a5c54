import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { personalWorkspaceId } from './users';

/**
 * Every /api route but sign-up/sign-in runs behind this: it reads
 * `Authorization: Bearer <token>`, validates the lucia session and sets `c.var.user`.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const { lucia, db } = c.var.deps;
  const token = lucia.readBearerToken(c.req.header('authorization') ?? '');
  if (!token) throw new HttpError(401, 'unauthorized', 'Sign in to Weft first.');
  const { session, user } = await lucia.validateSession(token);
  if (!session || !user) throw new HttpError(401, 'unauthorized', 'Your session has ended. Sign in again.');
  c.set('user', { id: user.id, email: user.email, workspaceId: await personalWorkspaceId(db, user.id) });
  c.set('sessionId', session.id);
  await next();
});
