import type { WeftEvent } from '@@/shared/protocol';
import { refreshBadge } from '../notifications/badge';
import { notifyEvents } from '../notifications/notify';
import { wantsAttention, withDefaults } from '../notifications/rules';
import { notificationSettings } from '../settings';
import { applyEvents } from './apply';

/**
 * What the background does with events from the push socket or an HTTP catch-up: apply
 * them exactly once, then notify and update the badge for those that were new. A
 * notification lost to a worker stopping right after the commit is not shown again; the
 * event itself is never lost.
 */
export async function ingest(events: WeftEvent[], owner: string): Promise<void> {
  const settings = withDefaults(await notificationSettings.getValue());
  const result = await applyEvents(events, { owner, wantsAttention: (e, context) => wantsAttention(e, settings, context) });
  if (result.applied.length === 0) return;
  await refreshBadge();
  await notifyEvents(result.attention);
}
