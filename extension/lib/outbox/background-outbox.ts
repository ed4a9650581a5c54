import { actionOutput } from '../action-catalog';
import { api } from '../api';
import { tellPagesAndTabs } from '../messaging/tell-tabs';
import { serverUrl, session } from '../settings';
import { notifyRunOutcome } from '../flows/notify-run';
import { notifyFailure } from './notify-failure';
import { createOutboxSender } from './sender';
import { addToOutbox, discard, pruneDone, recoverInterrupted, requeue } from './store';
import { outboxView, type OutboxItem, type OutboxRequest } from './types';

/** The alarm whose tick sends what waits after Chrome stopped the worker (and its timer). */
export const outboxAlarm = 'weft-outbox';

/** Whose items go out now: the signed-in account on the saved server. */
export async function currentOwner(): Promise<string | null> {
  const [current, base] = await Promise.all([session.getValue(), serverUrl.getValue()]);
  return current ? `${base} ${current.user.id}` : null;
}

/**
 * The background's outbox: sends what pages enqueue, and what waits when its timer fires.
 * Everything else that should send now is the caller's to say with `flush({ force: true })`:
 * `entrypoints/background.ts` calls it when the alarm ticks (the worker may have been
 * stopped), the browser comes back online, the push socket is live again (the server is
 * back) or the user signs in. Call synchronously in the background's main.
 */
export function startOutbox() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sender = createOutboxSender({
    send: (item) =>
      item.run
        ? api.runFlow(item.run.instanceId, item.run.flowId, item.input, item.idempotencyKey).then((result) => ({ result }))
        : // The result is read with the action's catalog output schema: what the panels link (an issue's url, a post's permalink) is checked.
          api.action({ provider: item.provider, action: item.action, input: item.input, connectionId: item.connectionId, idempotencyKey: item.idempotencyKey }, actionOutput(item.provider, item.action)),
    owner: currentOwner,
    onChange: (item) => void changed(item),
    schedule: (at) => {
      clearTimeout(timer);
      if (at !== null) timer = setTimeout(() => void sender.flush(), Math.max(0, at - Date.now()));
    },
  });

  void (async () => {
    await recoverInterrupted();
    await pruneDone();
    await sender.flush();
  })().catch((err: unknown) => console.warn('[weft] outbox start', err));

  return {
    /** A catalog action, or a manual flow's run: durable first, then sent. */
    async enqueue(request: OutboxRequest): Promise<{ id: string }> {
      const owner = await currentOwner();
      if (!owner) throw new Error('Sign in to Weft (toolbar button) first.');
      const item = await addToOutbox(request, owner);
      void changed(item);
      void sender.flush();
      return { id: item.id };
    },
    async retry(id: string): Promise<void> {
      const item = await requeue(id);
      if (item) void changed(item);
      await sender.flush({ force: true });
    },
    discard,
    flush: sender.flush,
  };
}

/** Tells every page and provider tab; none listening is the normal case. */
async function changed(item: OutboxItem): Promise<void> {
  if (item.status === 'failed') void notifyFailure(item);
  // A run from the context menu has no page to show how it went.
  if (item.status === 'done' && item.run && item.origin === 'menu') void notifyRunOutcome(item);
  const view = outboxView(item);
  await tellPagesAndTabs('outboxChanged', view);
}
