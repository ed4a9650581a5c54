import { Cron } from 'croner';
import type { Schedule } from './types';

/** The first fire time of `schedule` strictly after `afterMs`, read in UTC by croner. */
export function nextFire(schedule: Pick<Schedule, 'name' | 'cron'>, afterMs: number): number {
  if (schedule.cron.trim().split(/\s+/).length !== 5) {
    throw new Error(`Schedule ${schedule.name}: "${schedule.cron}" must have five fields (minute hour day month weekday).`);
  }
  let cron: Cron;
  try {
    cron = new Cron(schedule.cron, { paused: true, timezone: 'UTC' });
  } catch (error) {
    throw new Error(`Schedule ${schedule.name}: "${schedule.cron}" is not a cron pattern croner reads (${(error as Error).message}).`);
  }
  const next = cron.nextRun(new Date(afterMs));
  if (!next) throw new Error(`Schedule ${schedule.name}: "${schedule.cron}" never fires again.`);
  return next.getTime();
}
