import type { Kysely, Selectable } from 'kysely';
import type { Flow } from '../../../shared/flows/document';
import { unchanging, type FlowScope } from '../../../shared/flows/expressions';
import { keptRecent } from '../../lib/recent';
import type { Database, FlowRunStepsTable, FlowRunsTable } from '../../store/schema';
import { enclosingForEach, type Position } from './position';

export type RunRow = Selectable<FlowRunsTable>;
export type StepRow = Selectable<FlowRunStepsTable>;

/**
 * A run's trigger payload, parsed once per run (among the 100 used last) rather than once
 * per step: it never changes, so it is kept frozen (`unchanging`), and expressions keep its
 * CEL form too.
 */
const parsedTriggers = keptRecent<{ trigger: unknown }>(100);
const triggerOf = (run: RunRow) => (parsedTriggers.get(run.id) ?? parsedTriggers.set(run.id, { trigger: unchanging(JSON.parse(run.trigger)) })).trigger;

/** A finished step's output as later steps see it (a truncated one as the text that was kept). */
export const outputOf = (row: Pick<StepRow, 'output'>): unknown => (row.output === null ? null : JSON.parse(row.output));

/**
 * What expressions at `pos` see: `trigger`, `event` (for event triggers), `config`,
 * `steps.<id>` (outputs of the steps that finished; inside a forEach, the current item's),
 * and `item` / `index` inside a forEach.
 */
export async function buildScope(db: Kysely<Database>, run: RunRow, flow: Flow, config: Record<string, unknown>, rows: StepRow[], pos: Position): Promise<FlowScope> {
  const scope: FlowScope = { trigger: triggerOf(run), config, steps: {} };
  if (run.event_id !== null) {
    const event = await db.selectFrom('events').select(['type', 'created_at']).where('id', '=', run.event_id).executeTakeFirst();
    scope.event = { id: Number(run.event_id), type: event?.type ?? '', receivedAt: event?.created_at ?? run.started_at };
  }
  // The item indices of the forEach steps around `pos`, as they appear in step keys.
  const suffix = pos.slice(0, -1).filter((f) => f.item !== undefined).map((f) => `[${f.item}]`).join('');
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (row.status !== 'succeeded') continue;
    const indices = row.step_key.slice(row.step_id.length);
    // A step of another item is not this item's: only the steps on this item's path count.
    if (indices === '' || suffix.startsWith(indices)) scope.steps[row.step_id] = outputOf(row);
  }
  const loop = enclosingForEach(flow, pos);
  if (loop) {
    const items = rows.find((r) => r.step_key === loop.key);
    const list = items ? outputOf(items) : [];
    scope.item = Array.isArray(list) ? list[loop.index] : undefined;
    scope.index = loop.index;
  }
  return scope;
}
