import type { RunsQuery } from '@@/shared/protocol/flow-runs';
import { callRoute } from './http';

const authed = { authed: true } as const;

/**
 * Run history routes: pages of runs and of filtered firings, one run with its steps, a
 * re-run; each through its row of `shared/protocol/routes.ts`.
 */
export const flowRunsApi = {
  runs: (q: Omit<RunsQuery, 'limit'> & { limit?: number } = {}) => callRoute('GET /api/runs', {}, { query: q, ...authed }),
  run: (id: string) => callRoute('GET /api/runs/:id', { id }, authed),
  filtered: (q: { instance?: string; after?: string; limit?: number } = {}) => callRoute('GET /api/runs/filtered', {}, { query: q, ...authed }),
  /** From `fromStep` (a step key), or from the failed step when absent. */
  rerun: (id: string, fromStep?: string) => callRoute('POST /api/runs/:id/rerun', { id }, { body: fromStep ? { fromStep } : {}, ...authed }),
};
