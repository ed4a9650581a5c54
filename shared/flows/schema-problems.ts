import type { z } from 'zod';
import { issueMessage } from '../messages/zod-issues';
import type { DocPath } from './walk-document';

// zod issues as problems a person can fix. A step is a union of kinds, and zod reports a
// step that fits none as "Invalid input" listing every kind's complaints ("http is
// required", "delay is required", …). Which kind was meant is plain from the key the
// step has (`action:`, `http:`…), so only that kind's complaints are kept.

const STEP_KINDS = ['action', 'http', 'webhook', 'delay', 'branch', 'forEach'];
type Issue = z.core.$ZodIssue;

export type SchemaProblem = { message: string; path: DocPath };

export function schemaProblems(issues: readonly Issue[], value: unknown): SchemaProblem[] {
  return issues.flatMap((issue) => resolve(issue, [], value));
}

function resolve(issue: Issue, base: DocPath, root: unknown): SchemaProblem[] {
  const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
    return [{ message: issueMessage({ ...issue, path } as Issue), path }];
  }
  let meant: Issue[] | undefined;
  if (path.at(-2) === 'steps' && typeof path.at(-1) === 'number') {
    const at = valueAt(root, path);
    const keys = at && typeof at === 'object' && !Array.isArray(at) ? Object.keys(at) : [];
    const kinds = STEP_KINDS.filter((k) => keys.includes(k));
    if (kinds.length === 0) return [{ message: `A step needs one of: ${STEP_KINDS.join(', ')}.`, path }];
    if (kinds.length > 1) return [{ message: `A step is one kind only, but this one has ${kinds.join(' and ')}.`, path }];
    // The alternative that does not ask for a kind key the step lacks is the kind meant.
    meant = issue.errors.find((alternative) => !alternative.some((i) => isMissingKindKey(i, keys)));
  } else {
    // Elsewhere (a template value): the alternative of the value's own type.
    meant = issue.errors.find((alternative) => !alternative.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  }
  if (!meant) return [{ message: issueMessage({ ...issue, path } as Issue), path }];
  return meant.flatMap((inner) => resolve(inner, path, root));
}

function isMissingKindKey(issue: Issue, present: string[]): boolean {
  const key = issue.path[0];
  return issue.path.length === 1 && typeof key === 'string' && STEP_KINDS.includes(key) && !present.includes(key);
}

function valueAt(root: unknown, path: DocPath): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}
