import { browser } from '#imports';
import { plain } from '../notifications/notify';
import type { OutboxItem } from './types';

/**
 * A failed action is news the user must see even with the popup closed. Plain text
 * only: the label may hold an issue title or a channel name from a provider.
 */
export function failureText(item: Pick<OutboxItem, 'label' | 'lastError'>): { title: string; message: string } {
  return { title: plain(`Weft could not: ${item.label}`, 120), message: plain(item.lastError ?? 'It failed.', 300) };
}

export async function notifyFailure(item: OutboxItem): Promise<void> {
  const options = { type: 'basic' as const, iconUrl: browser.runtime.getURL('/icon/128.png'), ...failureText(item) };
  await browser.notifications.create(`outbox-${item.id}`, options).catch((err: unknown) => console.warn('[weft] notification', err));
}
