/**
 * When a queued item goes out next, in words: "sending…", "next try in 12 s", "next try in 4 min".
 *
 * @example nextTry(Date.now() + 12_000) // 'next try in 12 s'
 */
export function nextTry(at: number | null, now: number = Date.now()): string {
  if (at === null) return '';
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'trying now';
  if (seconds < 60) return `next try in ${seconds} s`;
  return `next try in ${Math.round(seconds / 60)} min`;
}
