import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { describeProblem, problemsOf } from './problems';

describe('a document’s problems from a failed call', () => {
  it('reads the 400’s list of problems, each with its place', () => {
    const err = new ApiError(400, 'invalid_request', 'The document is not valid.', undefined, {
      code: 'invalid_request',
      message: 'The document is not valid.',
      problems: [{ message: 'Expected a mapping', line: 3, column: 7 }, { message: 'Required', path: ['flows', 0, 'id'] }],
    });
    expect(problemsOf(err).map(describeProblem)).toEqual(['line 3, column 7: Expected a mapping', 'flows.0.id: Required']);
  });

  it('falls back to the error’s own line and column, then to its message', () => {
    const placed = new ApiError(400, 'invalid_request', 'Bad indentation.', undefined, { code: 'invalid_request', message: 'Bad indentation.', line: 2, column: 1 });
    expect(problemsOf(placed).map(describeProblem)).toEqual(['line 2, column 1: Bad indentation.']);
    expect(problemsOf(new ApiError(0, 'unreachable', 'Can’t reach the Weft server.')).map(describeProblem)).toEqual(['Can’t reach the Weft server.']);
  });
});
