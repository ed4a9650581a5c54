import type { WeftEvent } from '../../shared/protocol/events';
import type { DeliveryStatus } from '../../shared/protocol/deliveries';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, tooDeepMessage } from '../lib/json-depth';
import type { Logger } from '../lib/log';
import type { EventStore } from '../store/event-store';
import type { AppendOutcome, EventRow, IntakeRecord, NewEvent, StoredRecord } from '../store/intake-record';

export type { IntakeItem, IntakeRecord, NewEvent } from '../store/intake-record';

export interface RecordResult {
  deliveryId: number;
  status: DeliveryStatus;
  events: WeftEvent[];
}

/**
 * Events whose payload is a webhook's raw body keep that text here, so the push message
 * can splice it in instead of serialising an 11 KB object again for every event.
 */
const rawPayloads = new WeakMap<WeftEvent, string>();

/**
 * `{"type":"event","event":{…}}` for the wire, reusing the raw payload text when there is
 * one. Never throws: an event that cannot be serialised goes out as its placeholder, so
 * one bad event cannot stop a catch-up or a fan-out (it used to crash the process).
 */
export function eventMessage(event: WeftEvent): string {
  try {
    const raw = rawPayloads.get(event);
    if (raw === undefined) return JSON.stringify({ type: 'event', event });
    const { payload: _serialisedBelow, ...rest } = event;
    // Payload goes last, so the placeholder is the tail `0}}` of the string.
    const head = JSON.stringify({ type: 'event', event: { ...rest, payload: 0 } });
    return `${head.slice(0, -3)}${raw}}}`;
  } catch {
    return JSON.stringify({ type: 'event', event: unreadableEvent(event, 'unreadable') });
  }
}

type Pending = { record: IntakeRecord; resolve: (r: RecordResult) => void; reject: (e: unknown) => void };

/** Records per transaction at most; a burst beyond it takes several commits in a row. */
const MAX_GROUP = 512;

/**
 * The durable, append-only event log, with group commit.
 *
 * Webhook intake must not answer 2xx before its event is on disk, and one fsync per
 * request caps throughput at the disk's sync rate. So requests that arrive in the same
 * turn of the event loop, or while the group before them is being committed, are written
 * in one transaction (the store's `appendGroup`):
 * each caller's promise resolves only after that COMMIT returns (durable-before-ack), and
 * the commit cost is shared. Groups are written one after another and published in
 * order, so listeners see events in id order with nothing interleaved.
 */
export class EventLog {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Groups handed to the store and not yet settled; at the store's `groupsInFlight`, what arrives waits in the queue and goes in the next group. */
  private inFlight = 0;
  private listeners = new Set<(events: WeftEvent[]) => void>();

  constructor(
    private readonly store: EventStore,
    private readonly log: Pick<Logger, 'error'> = { error: () => {} },
  ) {}

  /**
   * Writes a webhook request's delivery row and events; resolves after they are committed.
   * A record whose events take the body as their payload is refused (rejects, writes
   * nothing) when that body nests deeper than MAX_JSON_DEPTH: JSON.parse takes such text
   * but JSON.stringify overflows on it, so no reader could send the event. Intake refuses
   * such bodies first and says so (`bodyDepthChecked`), so the scan is not paid twice on
   * the intake path; this is what lets reads trust every event written since (see
   * `toEvent`). Other payloads are serialised when written, which proves they can be again.
   */
  record(record: IntakeRecord): Promise<RecordResult> {
    if (!record.bodyDepthChecked && record.body !== null && record.items.some((i) => i.events.some((e) => e.payloadIsBody)) && jsonNestsDeeperThan(record.body, MAX_JSON_DEPTH)) {
      return Promise.reject(new Error(tooDeepMessage('This event’s payload')));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: every request already read joins this group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Events Weft makes itself (connection.updated…), through the same ordered path. */
  async append(events: NewEvent[], eventType = events[0]?.type ?? 'weft'): Promise<WeftEvent[]> {
    const result = await this.record({
      provider: 'weft', endpointId: null, eventType, status: 'accepted', reason: null,
      workspaceIds: [], bodyPreview: '', body: null, items: [{ key: null, events }],
    });
    return result.events;
  }

  /** Live events, after they are durable, in id order. Returns an unsubscribe function. */
  subscribe(listener: (events: WeftEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Catch-up: events of these workspaces after `afterId`, oldest first. */
  async after(workspaceIds: string[], afterId: number, limit: number): Promise<WeftEvent[]> {
    return (await this.store.after(workspaceIds, afterId, limit)).map(toEvent);
  }

  /** Events of every workspace after `afterId`, oldest first: what a follower of the whole log reads. */
  async afterAll(afterId: number, limit: number): Promise<WeftEvent[]> {
    return (await this.store.afterAll(afterId, limit)).map(toEvent);
  }

  /** The newest event id, 0 when the log is empty. */
  latestId(): Promise<number> {
    return this.store.latestId();
  }

  /**
   * Starts the next group, unless as many as the store takes are out already: the commit
   * may run off this thread (SQLite's writer thread, PostgreSQL), and everything that
   * arrives meanwhile joins one group when one ends, instead of queueing a transaction
   * (and an fsync) of its own. A store that takes two (SQLite's writer thread) is handed
   * the next group while it commits one, so its disk never waits for a message to cross
   * threads twice; groups still commit, settle and are published in the order they left.
   */
  private flush(): void {
    this.scheduled = false;
    if (this.inFlight >= (this.store.groupsInFlight ?? 1) || this.queue.length === 0) return;
    this.inFlight++;
    const group = this.queue.splice(0, MAX_GROUP);
    void this.commit(group)
      .catch((error: unknown) => this.log.error('Publishing a committed group failed', { error: String(error) }))
      .finally(() => {
        this.inFlight--;
        if (this.queue.length > 0 && !this.scheduled) {
          this.scheduled = true;
          setImmediate(() => this.flush());
        }
      });
  }

  private async commit(group: Pending[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.store.appendGroup(group.map((p) => p.record));
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    const published: WeftEvent[] = [];
    group.forEach((p, i) => {
      const o = outcomes[i]!;
      if (!o.ok) return p.reject(o.error);
      const result = toResult(p.record, o.stored);
      published.push(...result.events);
      p.resolve(result);
    });
    if (!published.length) return;
    for (const listener of this.listeners) {
      // The events are committed and their writers answered: a failing listener is a bug
      // to log, never a reason to skip the next listener or to stop the next group.
      try {
        listener(published);
      } catch (error) {
        this.log.error('An event listener failed', { error: error instanceof Error ? error.stack : String(error) });
      }
    }
  }
}

/** The events a record added, as browsers receive them. */
function toResult(record: IntakeRecord, stored: StoredRecord): RecordResult {
  const events = stored.events.map(({ id, event: e, payloadIsBody }) => {
    const event: WeftEvent = {
      id, type: e.type, provider: e.provider, workspaceId: e.workspaceId, connectionId: e.connectionId,
      deliveryId: stored.deliveryId, summary: e.summary, payload: e.payload ?? null, createdAt: stored.createdAt,
    };
    if (payloadIsBody) rawPayloads.set(event, record.body!);
    return event;
  });
  return { deliveryId: stored.deliveryId, status: stored.status, events };
}

function toEvent(row: EventRow): WeftEvent {
  const event: WeftEvent = {
    id: Number(row.id), type: row.type, provider: row.provider, workspaceId: row.workspace_id,
    connectionId: row.connection_id, deliveryId: row.delivery_id === null ? null : Number(row.delivery_id),
    summary: { title: '', url: null, actor: null, assignees: [], mentions: [], subject: null }, payload: null, createdAt: row.created_at,
  };
  // Rows written before the log checked depth at append (migration 012 marks the last of
  // them) may hold a payload that parses but can never be serialised again: it is replaced
  // here, so every reader (GET /api/events, WebSocket, SSE) gets the same placeholder and
  // none of them can throw on it. Later rows were checked once, when appended (`record`).
  if (row.depth_unchecked && row.payload_text !== null && jsonNestsDeeperThan(row.payload_text, MAX_JSON_DEPTH)) {
    return unreadableEvent(event, 'too_deep', row.summary);
  }
  try {
    const read: WeftEvent = { ...event, summary: JSON.parse(row.summary), payload: JSON.parse(row.payload_text ?? 'null') };
    // It parsed: its text can go on the wire as it is, instead of being serialised again.
    if (row.payload_text !== null) rawPayloads.set(read, row.payload_text);
    return read;
  } catch {
    return unreadableEvent(event, 'unreadable', row.summary);
  }
}

/** The stand-in for an event Weft cannot send as stored: same id and summary, the payload left out. */
function unreadableEvent(event: WeftEvent, why: 'too_deep' | 'unreadable', summaryText?: string): WeftEvent {
  let summary = event.summary;
  try {
    if (summaryText !== undefined) summary = JSON.parse(summaryText);
    JSON.stringify(summary);
  } catch {
    summary = { title: 'An event Weft could not read', url: null, actor: null, assignees: [], mentions: [], subject: null };
  }
  const message = why === 'too_deep'
    ? tooDeepMessage('This event’s payload') + ' It was left out; the delivery log keeps the start of the body.'
    : 'This event’s payload could not be read back and was left out.';
  return { ...event, summary, payload: { omitted: why, message } };
}
