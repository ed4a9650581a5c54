import { browser } from '#imports';
import { flowRunFailedPayloadSchema, flowRunFailedType } from '@@/shared/protocol/flow-runs';
import type { WeftEvent } from '@@/shared/protocol';
import { db } from '../db';
import { openFlowRun, runNotificationPrefix } from '../flows/run-link';
import { httpUrl } from '../http-url';
import { openFlowsPage, runHash } from '../open-flows';
import { providerLabel } from '../provider-label';

/**
 * Events older than this do not pop up. Catching up after a long gap (browser closed,
 * worker stopped, server down) brings a pile of old events: they still count as unread on
 * the badge, but showing each as a notification would bury the screen in yesterday's news.
 */
export const notifyMaxAgeMs = 10 * 60_000;
/** A burst shows this many, newest first, and one "N more" for the rest. */
export const maxNotificationsAtOnce = 3;
/** Not an event id: clicking it only dismisses it. */
export const moreNotificationId = 'weft-more';

/**
 * One notification per event that wants attention and is recent.
 *
 * @example await notifyEvents(result.attention);
 */
export async function notifyEvents(events: readonly WeftEvent[], now: number = Date.now()): Promise<void> {
  const recent = events.filter((e) => now - Date.parse(e.createdAt) <= notifyMaxAgeMs);
  const shown = recent.slice(-maxNotificationsAtOnce).reverse();
  for (const event of shown) {
    const name = (await db.providers.get(event.provider))?.name;
    await show(String(event.id), notificationText(event, providerLabel(event.provider, name)));
  }
  const more = recent.length - shown.length;
  if (more > 0) {
    await show(moreNotificationId, { title: `${more} more from Weft`, message: 'Open Weft from the toolbar to see them all.' });
  }
}

/** Title and message, as plain text: notifications never render markup. */
export function notificationText(event: WeftEvent, providerName: string): { title: string; message: string } {
  const actor = event.summary.actor ? `${plain(event.summary.actor, 80)} · ` : '';
  return { title: plain(event.summary.title, 120) || event.type, message: `${actor}${providerName}` };
}

/**
 * Clicking opens what the event is about (http/https only), or the run a manual flow
 * started (in the Flows page), and dismisses it. The listener
 * returns its handling: the browser ignores it, and a test awaits it, so "nothing was
 * opened" is checked once the click has been fully handled.
 */
export function listenToNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => open(id));
}

async function open(id: string): Promise<void> {
  await browser.notifications.clear(id).catch(() => undefined);
  if (id.startsWith(runNotificationPrefix)) return openFlowRun(id.slice(runNotificationPrefix.length));
  const eventId = Number(id);
  if (!Number.isSafeInteger(eventId)) return;
  const event = await db.events.get(eventId);
  // A failed flow run has no page at a provider: its page is the run, on the Flows page.
  const failedRun = event?.type === flowRunFailedType ? flowRunFailedPayloadSchema.safeParse(event.payload) : undefined;
  if (failedRun?.success) return openFlowsPage(runHash(failedRun.data.runId));
  const url = httpUrl(event?.summary.url);
  if (url) await browser.tabs.create({ url });
}

async function show(id: string, text: { title: string; message: string }): Promise<void> {
  const options = { type: 'basic' as const, iconUrl: browser.runtime.getURL('/icon/128.png'), ...text };
  await browser.notifications.create(id, options).catch((err: unknown) => console.warn('[weft] notification', err));
}

/** One line, no control characters, at most `max` characters. */
export function plain(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
