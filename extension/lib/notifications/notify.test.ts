import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../db';
import { makeEvent } from '../testing/events';
import { parseRoute } from '../../flows/route';
import { listenToNotificationClicks, notificationText } from './notify';

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
});

describe('notificationText', () => {
  it('is the title, then who and where, on one line each', () => {
    const event = makeEvent(1, { summary: { title: 'Fix\nthe <b>build</b>', actor: 'hubot' } });
    expect(notificationText(event, 'GitHub')).toEqual({ title: 'Fix the <b>build</b>', message: 'hubot · GitHub' });
    expect(notificationText(makeEvent(2, { type: 'custom.ep1', summary: { title: '', actor: null } }), 'Custom webhook')).toEqual({
      title: 'custom.ep1',
      message: 'Custom webhook',
    });
  });
});

describe('a click on a notification', () => {
  /** Resolves once the click is handled: `trigger` awaits what the listener returns. */
  async function click(id: string) {
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: '', title: 't', message: 'm' });
    await fakeBrowser.notifications.onClicked.trigger(id);
  }

  it('opens the event’s page and dismisses the notification', async () => {
    listenToNotificationClicks();
    await db.events.put(makeEvent(7, { summary: { url: 'https://github.com/o/r/issues/7' } }));
    await click('7');
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain('https://github.com/o/r/issues/7');
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('a failed flow run opens its run on the Flows page', async () => {
    listenToNotificationClicks();
    const payload = { runId: 'run 7', instanceId: 'i1', flowId: 'urgent-bug', flowName: 'Urgent bug to Slack', error: 'Slack refused: channel not found' };
    await db.events.put(makeEvent(9, { type: 'flow.run_failed', provider: 'weft', payload, summary: { title: 'Flow “Urgent bug to Slack” failed', url: null } }));
    await click('9');
    const opened = (await fakeBrowser.tabs.query({})).flatMap((t) => (t.url ? [new URL(t.url)] : []));
    expect(opened).toHaveLength(1);
    const url = opened[0]!;
    expect(url.pathname).toBe('/flows.html');
    expect(parseRoute(url.hash)).toEqual({ page: 'run', id: 'run 7' });
  });

  it('never opens a URL that is not http(s)', async () => {
    listenToNotificationClicks();
    await db.events.put(makeEvent(8, { summary: { url: 'javascript:alert(1)' } }));
    const before = (await fakeBrowser.tabs.query({})).length;
    await click('8');
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before);
    // The click was handled, not merely not yet: it dismissed the notification.
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });
});
