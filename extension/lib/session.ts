import type { AuthResponse, Credentials } from '@@/shared/protocol';
import { api } from './api';
import { clearCachedAccountData, db } from './db';
import { serverUrl, session, sessionNotice } from './settings';

/** Sign up or in, then keep the session. Throws `ApiError` with a message to show. */
export async function startSession(mode: 'signin' | 'signup', credentials: Credentials): Promise<AuthResponse> {
  const answer = mode === 'signup' ? await api.signUp(credentials) : await api.signIn(credentials);
  // Clear first: the cache may still hold connections of whoever used this browser before.
  await clearCachedAccountData();
  await sessionNotice.setValue(null);
  await session.setValue({ token: answer.token, user: answer.user });
  return answer;
}

/**
 * Signs out here even when the server cannot be told (down, or the token already dead):
 * the user asked to be signed out of this browser, and that must always work.
 */
export async function endSession(): Promise<void> {
  await api.signOut().catch(() => undefined);
  await session.setValue(null);
  await sessionNotice.setValue(null);
  await clearCachedAccountData();
}

/**
 * A session and a catalog belong to one server: moving to another signs out of the old
 * one first (while its URL is still the saved one) and drops its cached catalog.
 */
export async function switchServer(url: string): Promise<void> {
  if (url === (await serverUrl.getValue())) return;
  if (await session.getValue()) await endSession();
  await db.providers.clear();
  await serverUrl.setValue(url);
}
