import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { Database } from '../../store/schema';

/** What the check needs of an event. */
export interface CommittedEvent {
  workspaceId: string;
  type: string;
}

/**
 * Which (workspace, event type) pairs some active instance has an `event` trigger for, so
 * the event follower (event-triggers.ts) is woken only by commits that can fire something.
 * Waking it costs a job and a transaction, each an fsync on the server's connection; done
 * for every group the event log commits, it took intake on SQLite from about 4,400 to
 * 3,100 webhooks/s with no flow deployed at all.
 *
 * Each check reads one row (how many instances are active, and the newest change to one)
 * and reloads the pairs only when that changed; documents are read once per version, since
 * a published version never changes. An event passed over is not lost: the follower reads
 * every event after its cursor whenever it runs (the next wake, or its cron backstop).
 */
export class EventInterest {
  private pairs = new Set<string>();
  private signature: string | null = null;
  private readonly flowsOf = new Map<string, Set<string>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>) {}

  /** Whether any of these events is of a type an active instance of its workspace listens for. */
  anyMatches(events: readonly CommittedEvent[]): Promise<boolean> {
    const check = this.queue.then(async () => {
      await this.refresh();
      return events.some((e) => this.pairs.has(pairKey(e.workspaceId, e.type)));
    });
    this.queue = check.catch(() => undefined);
    return check;
  }

  /** Whether any active instance listens for events at all: for commits known only by a signal (another instance's), whose events are not in hand. */
  listensAtAll(): Promise<boolean> {
    const check = this.queue.then(async () => {
      await this.refresh();
      return this.pairs.size > 0;
    });
    this.queue = check.catch(() => undefined);
    return check;
  }

  private async refresh(): Promise<void> {
    const now = await this.db
      .selectFrom('flow_instances')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const signature = `${now.n}|${now.at ?? ''}`;
    if (signature === this.signature) return;
    const rows = await this.db
      .selectFrom('flow_instances')
      .select(['workspace_id', 'integration_id', 'version'])
      .where('status', '=', 'active')
      .execute();
    const pairs = new Set<string>();
    for (const row of rows) {
      for (const type of await this.eventTypes(row.integration_id, row.version)) pairs.add(pairKey(row.workspace_id, type));
    }
    this.pairs = pairs;
    this.signature = signature;
  }

  /** The event types a version's flows trigger on; versions are frozen, so each is read once. */
  private async eventTypes(integrationId: string, version: number): Promise<Set<string>> {
    const key = `${integrationId}@${version}`;
    let types = this.flowsOf.get(key);
    if (!types) {
      if (this.flowsOf.size >= 10_000) this.flowsOf.clear();
      const row = await this.db.selectFrom('integration_versions').select('document')
        .where('integration_id', '=', integrationId).where('version', '=', version).executeTakeFirst();
      const document = row ? (JSON.parse(row.document) as IntegrationDocument) : { flows: [] };
      types = new Set(document.flows.flatMap((f) => (f.trigger.type === 'event' ? [f.trigger.event] : [])));
      this.flowsOf.set(key, types);
    }
    return types;
  }
}

const pairKey = (workspaceId: string, type: string) => `${workspaceId}\n${type}`;
