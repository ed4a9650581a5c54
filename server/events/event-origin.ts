import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventOrigin } from '../../shared/protocol/events';

export type { EventOrigin } from '../../shared/protocol/events';

/** Resolves the origin of the work in progress; called at most once per context (memoised). */
type OriginSource = () => Promise<EventOrigin | undefined>;

const current = new AsyncLocalStorage<OriginSource>();

/**
 * Runs `work` as work a flow run does: every event Weft appends while it runs (an
 * action's `action.completed`, a failure notice) can name that run as its origin
 * (`currentEventOrigin`). `resolve` is only called when such an event is appended, so a
 * step that appends none pays nothing for it. This is how the loop guard
 * (flows/runner/loop-guard.ts) learns that an event was caused by a flow, without the
 * origin being threaded through every call between the step and the event.
 */
export function withEventOrigin<T>(resolve: OriginSource, work: () => Promise<T>): Promise<T> {
  let memo: Promise<EventOrigin | undefined> | undefined;
  const once: OriginSource = () => (memo ??= resolve().catch(() => undefined));
  return current.run(once, work);
}

/** The flow run the work in progress is done for (undefined outside one, e.g. a user's own action). */
export function currentEventOrigin(): Promise<EventOrigin | undefined> {
  return current.getStore()?.() ?? Promise.resolve(undefined);
}
