import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../db';
import { moreNotificationId, notifyMaxAgeMs } from '../notifications/notify';
import { notificationSettings } from '../settings';
import { makeConnection, makeEvent } from '../testing/events';
import { ingest } from './ingest';
import { markAllRead } from './meta';

const owner = 'http://localhost:8787 u1';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const forMe = (id: number, createdAt = minutesAgo(1)) =>
  makeEvent(id, { type: 'github.issues.assigned', createdAt, summary: { title: `Issue ${id}`, actor: 'hubot', assignees: ['octocat'] } });
const shown = () => fakeBrowser.notifications.getAllCreateOptions();
const badge = () => fakeBrowser.action.getBadgeText({});

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  await db.connections.put(makeConnection());
  await db.providers.put({ id: 'github', name: 'GitHub' } as never);
  // Signed in two hours ago: what follows is news, not history from before sign-in.
  await db.meta.bulkPut([
    { key: 'owner', value: owner },
    { key: 'since', value: Date.now() - 120 * 60_000 },
  ]);
});

describe('ingest', () => {
  it('notifies a recent event a rule wants, as text, and counts it on the badge', async () => {
    await ingest([forMe(2), makeEvent(3, { type: 'slack.message' })], owner);
    expect(shown()).toEqual({
      '2': { type: 'basic', iconUrl: expect.stringContaining('/icon/128.png'), title: 'Issue 2', message: 'hubot · GitHub' },
    });
    expect(await badge()).toBe('1');
  });

  it('counts old events from a catch-up on the badge without popping them up', async () => {
    await ingest([forMe(2, minutesAgo(60)), forMe(3, minutesAgo(notifyMaxAgeMs / 60_000 + 1))], owner);
    expect(shown()).toEqual({});
    expect(await badge()).toBe('2');
  });

  it('shows a burst as the newest three and one "more"', async () => {
    await ingest([2, 3, 4, 5, 6].map((id) => forMe(id)), owner);
    expect(Object.keys(shown()).sort()).toEqual(['4', '5', '6', moreNotificationId]);
    expect(shown()[moreNotificationId]).toMatchObject({ title: '2 more from Weft' });
  });

  it('notifies once: the same events again are not news', async () => {
    await ingest([forMe(2)], owner);
    await fakeBrowser.notifications.clear('2');
    await ingest([forMe(2)], owner);
    expect(shown()).toEqual({});
    expect(await badge()).toBe('1');
  });

  it('follows the rules in storage', async () => {
    await notificationSettings.setValue({ enabled: { 'github-mine': false } as never });
    await ingest([forMe(2)], owner);
    expect(shown()).toEqual({});
    expect(await badge()).toBe('');
  });

  it('reading clears the count', async () => {
    await ingest([forMe(2), forMe(3)], owner);
    await markAllRead();
    await ingest([forMe(4)], owner);
    expect(await badge()).toBe('1');
  });
});
