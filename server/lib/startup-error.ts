import path from 'node:path';

/**
 * A start-up failure whose message is already written for the person starting Weft:
 * what Weft tried, on which path or port, why it failed, and what to do. `main.ts`
 * prints it as it is, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * A path as the person typed it, near enough: relative to the working folder when it is
 * inside it (`data/weft.db`), absolute otherwise.
 *
 * @example displayPath('/srv/weft/data/weft.db') // 'data/weft.db' when started in /srv/weft
 */
export function displayPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? p : relative;
}
