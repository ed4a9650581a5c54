/**
 * "in 15 minutes", "in 40 seconds", "in 2 hours": how long until something may be tried
 * again, in the largest unit that reads naturally. A wait of 899 s is "in 15 minutes",
 * never "in 899 seconds": people plan in minutes.
 *
 * @example waitText(899) // 'in 15 minutes'
 * @example waitText(1)   // 'in 1 second'
 */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `in ${count(s, 'second')}`;
  // Rounded up: "try again in 14 minutes" that fails at minute 14 would be a broken promise.
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `in ${count(minutes, 'minute')}`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `in ${count(hours, 'hour')}`;
  return `in ${count(Math.ceil(hours / 24), 'day')}`;
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The one sentence for a rate-limited attempt, on the server and in the extension alike. */
export function tooManyAttempts(retryAfterSeconds: number | undefined): string {
  return retryAfterSeconds === undefined
    ? 'Too many attempts. Wait a moment, then try again.'
    : `Too many attempts. Try again ${waitText(retryAfterSeconds)}.`;
}
