import type { DocumentProblem } from '@@/shared/protocol/flows';
import { ApiError, messageOf } from '@/lib/api-error';

/**
 * Where a document is wrong, from a failed save, create or import: the 400's problems
 * (each with its line and column in the text sent), or its one line and column, or just
 * the message for any other failure.
 */
export function problemsOf(err: unknown): DocumentProblem[] {
  const detail = err instanceof ApiError ? err.detail : undefined;
  if (detail?.problems?.length) return detail.problems;
  const { line, column } = detail ?? {};
  return [{ message: messageOf(err), ...(line ? { line } : {}), ...(column ? { column } : {}) }];
}

/** "line 3, column 7: …", or the message alone when the problem has no place. */
export function describeProblem(p: DocumentProblem): string {
  const where = p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}` : p.path?.length ? p.path.join('.') : '';
  return where ? `${where}: ${p.message}` : p.message;
}
