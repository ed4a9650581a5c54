import type { IntegrationDocument } from '../../../shared/flows/document';
import type { WeftEvent } from '../../../shared/protocol/events';
import type { AppDeps } from '../../app-context';
import type { JobContext } from '../../jobs/types';
import { nowIso } from '../../lib/ids';
import { EventInterest } from './event-interest';
import { fireTrigger } from './fire-trigger';
import { instanceConfig, type FlowInstanceRow } from './instance';
import { originOf } from './loop-guard';

/** The task that follows the event log and fires `event` triggers; one at a time across instances (its lane). */
export const MATCH_EVENTS_TASK = 'flows.match-events';
/** The `meta` row holding the id of the last event considered. */
export const EVENT_CURSOR_KEY = 'flows.event_cursor';
/** Events read and matched per transaction. */
const BATCH = 200;

/** Enqueues the follower: at most one waits at a time (its key). */
export const enqueueEventMatching = (deps: Pick<AppDeps, 'jobs' | 'db'>) =>
  deps.jobs.enqueue(deps.db, { task: MATCH_EVENTS_TASK, key: MATCH_EVENTS_TASK, lane: MATCH_EVENTS_TASK, maxAttempts: 3 });

class CursorMoved extends Error {}

/**
 * Considers every event committed to the log exactly once, on whichever instance: reads
 * on from the cursor stored in `meta`, and in ONE transaction per batch fires the `event`
 * triggers the batch matches (runs or filtered records, each deduped by `event:<id>`) and
 * moves the cursor past it (the instances and their documents read once per batch, not per
 * firing). A server that dies in between commits neither, and the next
 * run reads the same batch again. Candidates: the active instances of the event's
 * workspace deployed before the event arrived, whose flows have an `event` trigger of its
 * type; a trigger naming a connection fires only for events from that connection.
 */
export async function matchEvents(deps: AppDeps, job?: Pick<JobContext, 'signal'>): Promise<void> {
  await deps.db.insertInto('meta').values({ key: EVENT_CURSOR_KEY, value: '0' }).onConflict((oc) => oc.column('key').doNothing()).execute();
  while (!job?.signal.aborted) {
    const row = await deps.db.selectFrom('meta').select('value').where('key', '=', EVENT_CURSOR_KEY).executeTakeFirstOrThrow();
    const cursor = Number(row.value);
    const events = await deps.events.afterAll(cursor, BATCH);
    if (events.length === 0) return;
    const candidates = await loadCandidates(deps, [...new Set(events.map((e) => e.workspaceId))]);
    try {
      await deps.store.transaction(async (tx) => {
        const moved = await tx.updateTable('meta').set({ value: String(events.at(-1)!.id) }).where('key', '=', EVENT_CURSOR_KEY).where('value', '=', row.value).executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new CursorMoved();
        for (const event of events) {
          const origin = originOf(event);
          for (const c of candidates.get(event.workspaceId) ?? []) {
            if (c.createdAt > event.createdAt) continue;
            for (const flow of c.document.flows) {
              const trigger = flow.trigger;
              if (trigger.type !== 'event' || trigger.event !== event.type) continue;
              if (trigger.connection !== undefined && c.config[trigger.connection] !== event.connectionId) {
                await tx.insertInto('flow_filtered').values({
                  workspace_id: event.workspaceId, instance_id: c.id, flow_id: flow.id, trigger_type: 'event', event_id: event.id,
                  reason: `filtered: the event came from another ${event.provider} connection than the one "${trigger.connection}" names`, at: nowIso(),
                }).execute();
                continue;
              }
              await fireTrigger(deps, { instanceId: c.id, flowId: flow.id, triggerType: 'event', data: event.payload, eventId: event.id, origin }, tx, {
                context: { instance: c.instance, flow, config: c.config },
                event: { id: event.id, type: event.type, receivedAt: event.createdAt },
              });
            }
          }
        }
      });
    } catch (error) {
      // Another follower moved the cursor first (it holds the lane now): its batch, not ours.
      if (error instanceof CursorMoved) return;
      throw error;
    }
    if (events.length < BATCH) return;
  }
}

interface Candidate {
  id: string;
  createdAt: string;
  instance: FlowInstanceRow;
  document: IntegrationDocument;
  config: Record<string, unknown>;
}

/** The active instances of these workspaces with an `event` trigger, by workspace. */
async function loadCandidates(deps: AppDeps, workspaceIds: string[]): Promise<Map<string, Candidate[]>> {
  const byWorkspace = new Map<string, Candidate[]>();
  if (workspaceIds.length === 0) return byWorkspace;
  const rows = await deps.db
    .selectFrom('flow_instances')
    .innerJoin('integration_versions', (j) => j.onRef('integration_versions.integration_id', '=', 'flow_instances.integration_id').onRef('integration_versions.version', '=', 'flow_instances.version'))
    .selectAll('flow_instances')
    .select('integration_versions.document')
    .where('flow_instances.workspace_id', 'in', workspaceIds)
    .where('flow_instances.status', '=', 'active')
    .execute();
  for (const r of rows) {
    const document = JSON.parse(r.document) as IntegrationDocument;
    if (!document.flows.some((f) => f.trigger.type === 'event')) continue;
    const list = byWorkspace.get(r.workspace_id) ?? [];
    const { document: _document, ...instance } = r;
    list.push({ id: r.id, createdAt: r.created_at, instance, document, config: instanceConfig(document, r.config) });
    byWorkspace.set(r.workspace_id, list);
  }
  return byWorkspace;
}

/**
 * Wakes the follower when events are committed: this server's own commits when one of
 * them is of a type an active instance of its workspace listens for (event-interest.ts),
 * and (on PostgreSQL) other instances' as their signal says; the cron schedule is the
 * backstop. One enqueue at a time: events committed meanwhile are read by the job it enqueues.
 */
export function followEvents(deps: AppDeps): () => void {
  let inFlight = false;
  let again = false;
  const wake = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    void enqueueEventMatching(deps)
      .catch((error) => deps.log.warn('Could not enqueue flow event matching; the minute\'s backstop will.', { error: String(error) }))
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const interest = new EventInterest(deps.db);
  const wakeIf = (concerned: Promise<boolean>) =>
    concerned.then((yes) => yes && wake(), (error: unknown) => {
      deps.log.warn('Could not tell whether new events concern a flow; waking the follower anyway.', { error: String(error) });
      wake();
    });
  const committedHere = (events: WeftEvent[]) => events.length > 0 && wakeIf(interest.anyMatches(events));
  const committedElsewhere = () => wakeIf(interest.listensAtAll());
  const stops = [deps.events.subscribe(committedHere), deps.store.signals.listen({ eventsCommitted: committedElsewhere, reconnected: wake })];
  wake();
  return () => stops.forEach((stop) => stop());
}
