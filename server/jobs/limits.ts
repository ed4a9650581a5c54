import type { NewJob } from './types';

/** A payload names the work (ids, a cursor); data a job needs lives in its own tables. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
export const DEFAULT_ATTEMPTS = 5;
export const MAX_ATTEMPTS = 25;
/** Jobs one poll may claim, whatever the runner's concurrency. */
export const MAX_BATCH = 32;
/** Dead jobs one listing returns at most. */
export const MAX_DEAD_LISTED = 200;
/** Task, key and lane names: identifiers, not data (128: graphile-worker's bound on task and queue names). */
export const MAX_NAME_LENGTH = 128;

/** A job as it will be stored, or a sentence for the programmer who built a bad one. */
export function checkNewJob(job: NewJob): { payload: string; maxAttempts: number } {
  for (const [field, value] of [['task', job.task], ['key', job.key], ['lane', job.lane]] as const) {
    if (value !== undefined && (value.length === 0 || value.length > MAX_NAME_LENGTH)) {
      throw new RangeError(`Job ${field} must be 1 to ${MAX_NAME_LENGTH} characters (got ${value.length}).`);
    }
  }
  const payload = JSON.stringify(job.payload ?? {});
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`Job payload for ${job.task} is ${bytes} bytes; at most ${MAX_PAYLOAD_BYTES} (store the data, enqueue its id).`);
  }
  const maxAttempts = job.maxAttempts ?? DEFAULT_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
    throw new RangeError(`Job maxAttempts must be a whole number from 1 to ${MAX_ATTEMPTS} (got ${maxAttempts}).`);
  }
  return { payload, maxAttempts };
}
