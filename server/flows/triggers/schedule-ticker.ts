import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context';
import { nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';
import { fireTrigger } from '../runner/fire-trigger';
import { lastTickAtOrBefore, nextTick, scheduleCron } from './schedule-cron';
import { instanceDocument, scheduledFlows, syncAllScheduleTicks, syncScheduleTicks, tickerWakeUps } from './schedule-ticks';

/**
 * A tick this late is still on time and fires as usual: a busy server, a restart of a few
 * seconds. Ticks older than this were missed (no server ran) and the trigger's `catchUp`
 * decides: `none` (the default) runs none of them, `last` runs the most recent one once.
 * Either way the skipped ones leave a "filtered" record: a miss is never silent.
 */
export const ON_TIME_GRACE_MS = 60_000;
/** The ticker looks again at least this often, for ticks another server's deploy added. */
const MAX_SLEEP_MS = 30_000;
/**
 * How often a ticker brings every instance's ticks in step (a backstop: deploys, upgrades
 * and status changes sync their own instance at once, but a path that forgot to would
 * otherwise leave a newly enabled schedule silent until the next start).
 */
const FULL_SYNC_MS = 5 * 60_000;
/** Ticks one pass fires at most before it lets other work in (a pass goes on until nothing is due). */
const PASS_LIMIT = 500;

type Deps = Pick<AppDeps, 'db' | 'store' | 'jobs' | 'log'>;

export interface ScheduleTicker {
  /** Fires every tick due now; resolves with how many runs (and miss records) it wrote. */
  runDue(): Promise<number>;
  /** Runs `runDue` now and then again at the next due time, until `stop`. */
  start(): Promise<void>;
  /** Look again now (a deploy on this server changed the ticks). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Fires schedule triggers, once per tick across every server sharing the database. Each
 * tick is claimed by a conditional UPDATE of its row's `next_ms` (from the due time to the
 * next tick) in the same transaction that writes the run (fireTrigger), so two servers
 * that see the same due row cannot both fire it, and a server that dies mid-way has
 * written either both or neither. The run's dedupe key (`schedule:<tick ms>`) would stop a
 * second run of one tick too. Between passes the ticker sleeps until the earliest due
 * time (at most MAX_SLEEP_MS).
 */
export function createScheduleTicker(deps: Deps, options: { now?: () => number } = {}): ScheduleTicker {
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let pass: Promise<number> | undefined;
  const wake = () => {
    if (!stopped) void loop();
  };

  async function processRow(row: { instance_id: string; flow_id: string; next_ms: number }, nowMs: number): Promise<number> {
    const dueMs = Number(row.next_ms);
    const instance = await instanceDocument(deps.db, row.instance_id);
    const scheduled = instance?.status === 'active' ? scheduledFlows(instance.document).find((f) => f.flowId === row.flow_id) : undefined;
    if (!instance || !scheduled) {
      // Disabled, paused, upgraded to a version without this schedule, or gone.
      await syncScheduleTicks(deps.db, row.instance_id, nowMs);
      return 0;
    }
    const { trigger } = scheduled;
    const cron = scheduleCron(trigger);
    const onTime = dueMs >= nowMs - ON_TIME_GRACE_MS;
    const boundary = nowMs - ON_TIME_GRACE_MS;
    const lastMissed = onTime ? dueMs : Math.max(dueMs, lastTickAtOrBefore(cron, boundary) ?? dueMs);
    const next = nextTick(cron, onTime ? dueMs : boundary);
    return deps.store.transaction(async (tx) => {
      const claimed = next === undefined
        ? await tx.deleteFrom('flow_schedule_ticks').where('instance_id', '=', row.instance_id).where('flow_id', '=', row.flow_id).where('next_ms', '=', row.next_ms).executeTakeFirst().then((r) => r.numDeletedRows)
        : await tx.updateTable('flow_schedule_ticks').set({ next_ms: next }).where('instance_id', '=', row.instance_id).where('flow_id', '=', row.flow_id).where('next_ms', '=', row.next_ms).executeTakeFirst().then((r) => r.numUpdatedRows);
      if (claimed === 0n) return 0; // Another server fired it.
      const fire = (tickMs: number, caughtUp: boolean) =>
        fireTrigger(deps, {
          instanceId: row.instance_id, flowId: row.flow_id, triggerType: 'schedule', dedupeKey: `schedule:${tickMs}`,
          data: { scheduledAt: new Date(tickMs).toISOString(), firedAt: new Date(nowMs).toISOString(), cron: trigger.cron, timezone: trigger.timezone ?? 'UTC', ...(caughtUp ? { caughtUp: true } : {}) },
        }, tx);
      if (onTime) {
        await fire(dueMs, false);
        return 1;
      }
      if (trigger.catchUp === 'last') {
        await fire(lastMissed, true);
        const before = lastMissed > dueMs ? lastTickAtOrBefore(cron, lastMissed - 1) : undefined;
        if (before !== undefined && before >= dueMs) await recordMiss(tx, instance, row.flow_id, dueMs, before, 'the last one ran instead (catchUp: last)');
      } else {
        await recordMiss(tx, instance, row.flow_id, dueMs, lastMissed, 'none of them ran (catchUp: none)');
      }
      return 1;
    });
  }

  async function runDue(): Promise<number> {
    let done = 0;
    for (;;) {
      const nowMs = now();
      const due = await deps.db.selectFrom('flow_schedule_ticks').selectAll().where('next_ms', '<=', nowMs).orderBy('next_ms').limit(50).execute();
      if (due.length === 0 || stopped) return done;
      for (const row of due) {
        try {
          done += await processRow(row, nowMs);
        } catch (error) {
          deps.log.error('A schedule tick could not be fired; it is tried again on the next pass.', { instanceId: row.instance_id, flowId: row.flow_id, error: error instanceof Error ? error.message : String(error) });
          return done;
        }
      }
      if (done >= PASS_LIMIT) return done;
    }
  }

  function passNow(): Promise<number> {
    pass ??= runDue().finally(() => (pass = undefined));
    return pass;
  }

  let lastFullSync = -Infinity;
  async function loop(): Promise<void> {
    if (stopped) return;
    if (now() - lastFullSync >= FULL_SYNC_MS) {
      lastFullSync = now();
      await syncAllScheduleTicks(deps.db, lastFullSync).catch((error) => deps.log.error('Could not bring the schedule ticks in step.', { error: String(error) }));
    }
    await passNow().catch((error) => deps.log.error('The schedule ticker could not run.', { error: String(error) }));
    if (stopped) return;
    const earliest = await deps.db.selectFrom('flow_schedule_ticks').select((eb) => eb.fn.min('next_ms').as('next')).executeTakeFirst().catch(() => undefined);
    const wait = earliest?.next == null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, Number(earliest.next) - now()));
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), wait);
    timer.unref();
  }

  return {
    runDue: passNow,
    async start() {
      // The first loop syncs every instance: ticks for those deployed or changed while no server ran.
      tickerWakeUps.add(wake);
      await loop();
    },
    wake,
    async stop() {
      stopped = true;
      tickerWakeUps.delete(wake);
      clearTimeout(timer);
      await pass?.catch(() => {});
    },
  };
}

/** A "filtered" record for the ticks from `fromMs` to `toMs` (both included) that no server fired in time. */
async function recordMiss(tx: Kysely<Database>, instance: { id: string; workspace_id: string }, flowId: string, fromMs: number, toMs: number, what: string) {
  const span = fromMs === toMs ? `the tick at ${new Date(fromMs).toISOString()}` : `the ticks from ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()}`;
  await tx.insertInto('flow_filtered').values({
    workspace_id: instance.workspace_id, instance_id: instance.id, flow_id: flowId, trigger_type: 'schedule', event_id: null,
    reason: `filtered: no server was running at ${span}; ${what}`, at: nowIso(),
  }).execute();
}
