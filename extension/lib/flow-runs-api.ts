import { filteredPageSchema, flowRunDetailSchema, runsPageSchema, runStartedSchema, type RunsQuery } from '@@/shared/protocol/flow-runs';
import { request } from './http';

const authed = { authed: true } as const;

/** `?a=1&b=x` from the defined values. */
function query(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

/** Run history routes: pages of runs and of filtered firings, one run with its steps, a re-run. */
export const flowRunsApi = {
  runs: (q: Omit<RunsQuery, 'limit'> & { limit?: number } = {}) => request(`/api/runs${query(q)}`, runsPageSchema, authed),
  run: (id: string) => request(`/api/runs/${encodeURIComponent(id)}`, flowRunDetailSchema, authed),
  filtered: (q: { instance?: string; after?: string; limit?: number } = {}) => request(`/api/runs/filtered${query(q)}`, filteredPageSchema, authed),
  /** From `fromStep` (a step key), or from the failed step when absent. */
  rerun: (id: string, fromStep?: string) =>
    request(`/api/runs/${encodeURIComponent(id)}/rerun`, runStartedSchema, { method: 'POST', body: fromStep ? { fromStep } : {}, ...authed }),
};
