import { Hono } from 'hono';
import { z } from 'zod';
import {
  filteredQuerySchema, manualRunRequestSchema, rerunRequestSchema, runsQuerySchema,
  type FilteredPage, type FlowRunDetail, type RunsPage, type RunStarted,
} from '../../../shared/protocol/flow-runs';
import { requireUser } from '../../accounts/require-user';
import { memberWorkspaceIds } from '../../accounts/users';
import type { AppDeps, AppEnv } from '../../app-context';
import { HttpError, notFound } from '../../lib/http-error';
import { invalidRequest, parseJsonBody } from '../../lib/parse-body';
import { fireTrigger } from './fire-trigger';
import { loadFlowContext } from './instance';
import { rerunFailed } from './rerun';
import { toFilteredView, toRunView, toStepView } from './views';

/** Paging cursor: the last row's sort key, opaque to clients. */
const encodeCursor = (at: string, id: string | number) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
function decodeCursor(text: string): [string, string | number] {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && (typeof value[1] === 'string' || typeof value[1] === 'number')) return value as [string, string | number];
  } catch {
    // Falls through to the 400 below.
  }
  throw new HttpError(400, 'invalid_request', '`after` is not a cursor this server gave out: pass the `next` of the previous page.');
}

function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

async function visibleRun(deps: AppDeps, userId: string, runId: string) {
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  // Another user's run is no different from a run that does not exist.
  if (!run || !(await memberWorkspaceIds(deps.db, userId)).includes(run.workspace_id)) throw notFound('That run');
  return run;
}

async function runDetail(deps: AppDeps, runId: string): Promise<FlowRunDetail> {
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const steps = await deps.db.selectFrom('flow_run_steps').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  return { ...toRunView(run), steps: steps.map(toStepView) };
}

/**
 * `GET /api/runs` (newest first, `?instance=&status=&after=&limit=`), `GET /api/runs/filtered`
 * (firings that became no run), `GET /api/runs/:id` (with its steps), `POST /api/runs/:id/rerun`.
 */
export const runRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const { deps, user } = c.var;
    const q = parseQuery(runsQuerySchema, c.req.query());
    let query = deps.db.selectFrom('flow_runs').selectAll().where('workspace_id', 'in', await memberWorkspaceIds(deps.db, user.id));
    if (q.instance) query = query.where('instance_id', '=', q.instance);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.after) {
      const [at, id] = decodeCursor(q.after);
      query = query.where((eb) => eb.or([eb('started_at', '<', at), eb.and([eb('started_at', '=', at), eb('id', '<', String(id))])]));
    }
    const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const body: RunsPage = { runs: page.map(toRunView), next: rows.length > q.limit && last ? encodeCursor(last.started_at, last.id) : null };
    return c.json(body);
  })
  .get('/filtered', async (c) => {
    const { deps, user } = c.var;
    const q = parseQuery(filteredQuerySchema, c.req.query());
    let query = deps.db.selectFrom('flow_filtered').selectAll().where('workspace_id', 'in', await memberWorkspaceIds(deps.db, user.id));
    if (q.instance) query = query.where('instance_id', '=', q.instance);
    if (q.after) query = query.where('id', '<', Number(decodeCursor(q.after)[1]));
    const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const body: FilteredPage = { filtered: page.map(toFilteredView), next: rows.length > q.limit && last ? encodeCursor(last.at, Number(last.id)) : null };
    return c.json(body);
  })
  .get('/:id', async (c) => {
    const { deps, user } = c.var;
    const run = await visibleRun(deps, user.id, c.req.param('id'));
    return c.json(await runDetail(deps, run.id));
  })
  .post('/:id/rerun', async (c) => {
    const { deps, user } = c.var;
    const run = await visibleRun(deps, user.id, c.req.param('id'));
    const body = await parseJsonBody(c, rerunRequestSchema);
    const newRunId = await rerunFailed(deps, run.id, body.fromStep);
    const answer: RunStarted = { run: toRunView(await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', newRunId).executeTakeFirstOrThrow()) };
    return c.json(answer, 201);
  });

/**
 * `POST /api/instances/:id/flows/:flowId/run` with `{input}`: starts a flow whose trigger is
 * `manual`. With an `Idempotency-Key` (the extension's outbox sends one per run it was
 * asked for, and the same one on every resend) a repeated request is the same run: its
 * first answer was lost, not its run.
 */
export const manualRunRoutes = new Hono<AppEnv>()
  // On the route, not `.use`: the instances' other routes live in another sub-app under the same prefix.
  .post('/:id/flows/:flowId/run', requireUser, async (c) => {
    const { deps, user } = c.var;
    const instance = await deps.db.selectFrom('flow_instances').select(['id', 'workspace_id', 'status', 'status_reason']).where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!instance || !(await memberWorkspaceIds(deps.db, user.id)).includes(instance.workspace_id)) throw notFound('That instance');
    const ctx = await loadFlowContext(deps.db, instance.id, c.req.param('flowId'));
    if (!ctx) throw notFound('That flow');
    const trigger = ctx.flow.trigger;
    if (trigger.type !== 'manual') throw new HttpError(409, 'conflict', `“${ctx.flow.name}” starts on ${trigger.type === 'event' ? 'an' : 'a'} ${trigger.type} trigger, not by hand.`);
    if (instance.status !== 'active') throw new HttpError(409, 'conflict', `This instance is ${instance.status}${instance.status_reason ? ` (${instance.status_reason})` : ''}: enable it to run its flows.`);
    const key = c.req.header('idempotency-key')?.trim();
    if (key !== undefined && (key.length < 8 || key.length > 200)) throw new HttpError(400, 'invalid_request', 'Idempotency-Key must be 8 to 200 characters.');
    const { input } = await parseJsonBody(c, manualRunRequestSchema);
    if (trigger.inputSchema) {
      let schema: z.ZodType;
      try {
        schema = z.fromJSONSchema(trigger.inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
      } catch {
        throw new HttpError(409, 'conflict', `The inputSchema of “${ctx.flow.name}” is not a JSON Schema Weft can check input against; fix it in the integration.`);
      }
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw invalidRequest(parsed.error);
    }
    const fired = await fireTrigger(deps, { instanceId: instance.id, flowId: ctx.flow.id, triggerType: 'manual', data: input, ...(key ? { dedupeKey: `manual:${key}` } : {}) });
    if ('filtered' in fired) {
      const answer: RunStarted = { filtered: fired.filtered };
      return c.json(answer, 200);
    }
    const runId = 'runId' in fired ? fired.runId : fired.duplicate;
    const answer: RunStarted = { run: toRunView(await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()) };
    if ('duplicate' in fired) return c.json(answer, 200, { 'Idempotent-Replayed': 'true' });
    return c.json(answer, 201);
  });
