import { Cron } from 'croner';
import type { Trigger } from '../../../shared/flows/document';

export type ScheduleTrigger = Extract<Trigger, { type: 'schedule' }>;

/**
 * A schedule trigger's cron, read by croner in the trigger's time zone (UTC when none):
 * five fields, or six with seconds first. Across a daylight-saving change croner fires
 * each real instant at most once: a local time the spring change skips (02:30 in
 * Europe/Berlin on the last Sunday of March) fires when the clock jumps (03:00), one the
 * autumn change repeats fires the first time only, and an hourly cron fires every real hour.
 * Throws an Error whose message names what is wrong.
 */
export function scheduleCron(trigger: Pick<ScheduleTrigger, 'cron' | 'timezone'>): Cron {
  try {
    return new Cron(trigger.cron, { paused: true, timezone: trigger.timezone ?? 'UTC' });
  } catch (error) {
    throw new Error(`The schedule "${trigger.cron}"${trigger.timezone ? ` in ${trigger.timezone}` : ''} cannot be read: ${(error as Error).message}`);
  }
}

/** The first tick strictly after `afterMs`, or undefined if the cron never fires again. */
export function nextTick(cron: Cron, afterMs: number): number | undefined {
  return cron.nextRun(new Date(afterMs))?.getTime();
}

/** The last tick at or before `atMs`, or undefined if there was none. */
export function lastTickAtOrBefore(cron: Cron, atMs: number): number | undefined {
  return cron.previousRuns(1, new Date(atMs + 1))[0]?.getTime();
}
