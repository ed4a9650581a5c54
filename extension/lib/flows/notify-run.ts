import { browser } from '#imports';
import { plain } from '../notifications/notify';
import type { OutboxItem } from '../outbox/types';
import { runNotificationPrefix } from './run-link';
import { outcomeText, runOutcome } from './run-outcome';

/**
 * How a run asked for from the context menu went, as a notification (its failure is the
 * outbox's failure notification). Plain text: the label holds a flow's name, the reason
 * the server's words.
 */
export function runNotification(item: Pick<OutboxItem, 'id' | 'label' | 'result'>): { id: string; title: string; message: string } | null {
  const outcome = runOutcome(item.result);
  if (!outcome) return null;
  const id = outcome.kind === 'started' ? `${runNotificationPrefix}${outcome.runId}` : `flow-filtered:${item.id}`;
  const message = outcome.kind === 'started' ? 'Run started. Click to follow it in the Flows page.' : outcomeText(outcome);
  return { id, title: plain(item.label, 120), message: plain(message, 300) };
}

export async function notifyRunOutcome(item: OutboxItem): Promise<void> {
  const note = runNotification(item);
  if (!note) return;
  const { id, ...text } = note;
  await browser.notifications
    .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...text })
    .catch((err: unknown) => console.warn('[weft] notification', err));
}
