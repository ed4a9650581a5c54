import type { ChoiceKind, Choice, Fresh } from '@/lib/context/types';
import type { ActionRequest, OutboxItemView } from '@/lib/outbox/types';
import { onPageMessage, sendPageMessage } from '@/lib/page-messaging';
import { callBackground } from './invalidated';

/** The content scripts' only way to the extension: typed messages, with an orphaned script handled once. */
export const background = {
  enqueue: (request: ActionRequest) => callBackground(() => sendPageMessage('enqueueAction', request)),
  choices: (kind: ChoiceKind, refresh: boolean): Promise<Fresh<Choice[]>> => callBackground(() => sendPageMessage('getChoices', { kind, refresh })),
  outboxItems: (ids: string[]) => callBackground(() => sendPageMessage('getOutboxItems', ids)),
};

const watchers = new Map<string, Set<(item: OutboxItemView) => void>>();
let listening = false;

/** Follows one outbox item as the background reports its changes. Returns the unsubscribe. */
export function watchOutboxItem(id: string, onChange: (item: OutboxItemView) => void): () => void {
  if (!listening) {
    listening = true;
    // One listener per type per context: every panel's items share it.
    onPageMessage('outboxChanged', ({ data }) => {
      for (const watcher of watchers.get(data.id) ?? []) watcher(data);
    });
  }
  const set = watchers.get(id) ?? new Set();
  set.add(onChange);
  watchers.set(id, set);
  return () => {
    set.delete(onChange);
    if (set.size === 0) watchers.delete(id);
  };
}
