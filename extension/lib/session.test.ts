import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { api } from './api';
import { unreachable } from './api-error';
import { db } from './db';
import { endSession, startSession, switchServer } from './session';
import { serverUrl, session, sessionNotice } from './settings';

const user = { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' };
const credentials = { email: 'ada@example.com', password: 'correct horse' };

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await db.delete();
  await db.open();
});

describe('session', () => {
  it('keeps the session, clears the old notice and the previous account’s cache', async () => {
    await sessionNotice.setValue('Your session ended, sign in again.');
    await db.connections.put({ id: 'theirs' } as never);
    vi.spyOn(api, 'signUp').mockResolvedValue({ token: 't', user });
    await startSession('signup', credentials);
    expect(await session.getValue()).toEqual({ token: 't', user });
    expect(await sessionNotice.getValue()).toBeNull();
    expect(await db.connections.count()).toBe(0);
  });

  it('signs out here even when the server cannot be told', async () => {
    await session.setValue({ token: 't', user });
    vi.spyOn(api, 'signOut').mockRejectedValue(unreachable('http://localhost:8787'));
    await endSession();
    expect(await session.getValue()).toBeNull();
  });

  it('signs out of the old server before switching, and drops its catalog', async () => {
    await session.setValue({ token: 't', user });
    await db.providers.put({ id: 'github' } as never);
    const signOut = vi.spyOn(api, 'signOut').mockImplementation(async () => {
      expect(await serverUrl.getValue()).toBe('http://localhost:8787');
      return { signedOut: true };
    });
    await switchServer('https://weft.example.com');
    expect(signOut).toHaveBeenCalledOnce();
    expect(await serverUrl.getValue()).toBe('https://weft.example.com');
    expect(await session.getValue()).toBeNull();
    expect(await db.providers.count()).toBe(0);
  });
});
