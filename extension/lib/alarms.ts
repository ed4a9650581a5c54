import { browser } from '#imports';

/**
 * The background's one alarm listener: each alarm name goes to its handler, so the list
 * of what runs on a timer is in one place (`entrypoints/background.ts`). Call
 * synchronously in the background's main: an alarm is what wakes a stopped worker, and
 * its listener must exist when `main` returns. A handler's failure is logged; the alarm
 * keeps ticking. The listener returns the handling: the browser ignores it, and a test
 * awaits it, so what a tick did not do is known once it returns.
 *
 * @example routeAlarms({ [pushAlarm]: () => push.tick(), [outboxAlarm]: () => outbox.flush() })
 */
export function routeAlarms(handlers: Record<string, () => unknown>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    const handler = handlers[alarm.name];
    if (!handler) return undefined;
    return Promise.resolve()
      .then(handler)
      .then(() => undefined)
      .catch((err: unknown) => console.warn(`[weft] alarm ${alarm.name}`, err));
  });
}

/**
 * Creates a repeating alarm unless it exists: re-creating it on every worker start would
 * push its first tick back each time.
 */
export async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  if (await browser.alarms.get(name)) return;
  await browser.alarms.create(name, { periodInMinutes });
}
