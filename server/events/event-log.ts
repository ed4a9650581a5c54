import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { EventSummary, WeftEvent } from '../../shared/protocol/events';
import type { DeliveryStatus } from '../../shared/protocol/deliveries';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, tooDeepMessage } from '../lib/json-depth';
import type { Logger } from '../lib/log';

export interface NewEvent {
  workspaceId: string;
  type: string;
  provider: string;
  connectionId: string | null;
  summary: EventSummary;
  payload: unknown;
  /** The payload is the delivery's raw body, byte for byte: store and send that text, once. */
  payloadIsBody?: boolean;
}

/** One item of a webhook request, deduped on its own key (HubSpot sends arrays). */
export interface IntakeItem {
  /** The provider's delivery id; null when the provider has none (never deduped). */
  key: string | null;
  events: NewEvent[];
}

export interface IntakeRecord {
  provider: string;
  endpointId: string | null;
  eventType: string;
  /** `rejected` and `unrouted` are logged with no events; `accepted` may turn `duplicate`. */
  status: Exclude<DeliveryStatus, 'duplicate'>;
  reason: string | null;
  workspaceIds: string[];
  bodyPreview: string;
  body: string | null;
  /** Headers replay needs (lower-case names). */
  headers?: Record<string, string>;
  items: IntakeItem[];
}

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
 * turn of the event loop are written in one transaction: each caller's promise resolves
 * only after that COMMIT returns (durable-before-ack), and the commit cost is shared.
 * The write path uses node:sqlite's synchronous statements directly: a whole group is
 * one synchronous block, so events are published in id order with nothing interleaved.
 */
export class EventLog {
  private queue: Pending[] = [];
  private scheduled = false;
  private listeners = new Set<(events: WeftEvent[]) => void>();
  private readonly stmt: Record<string, StatementSync>;

  constructor(
    private readonly sqlite: DatabaseSync,
    private readonly log: Pick<Logger, 'error'> = { error: () => {} },
  ) {
    this.stmt = {
      receiptExists: sqlite.prepare('SELECT 1 FROM webhook_receipts WHERE provider = ? AND delivery_key = ?'),
      insertReceipt: sqlite.prepare('INSERT INTO webhook_receipts (provider, delivery_key, delivery_id) VALUES (?, ?, ?)'),
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
      ),
      finishDelivery: sqlite.prepare('UPDATE deliveries SET status = ?, event_count = ? WHERE id = ?'),
      insertEvent: sqlite.prepare(
        `INSERT INTO events (workspace_id, type, provider, connection_id, delivery_id, summary, payload, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      after: sqlite.prepare(
        `SELECT events.*, COALESCE(events.payload, deliveries.body) AS payload_text
         FROM events LEFT JOIN deliveries ON deliveries.id = events.delivery_id
         WHERE events.id > ? AND events.workspace_id IN (SELECT value FROM json_each(?)) ORDER BY events.id LIMIT ?`,
      ),
      maxId: sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events'),
      savepoint: sqlite.prepare('SAVEPOINT intake_record'),
      release: sqlite.prepare('RELEASE intake_record'),
      rollbackTo: sqlite.prepare('ROLLBACK TO intake_record'),
    };
  }

  /** Writes a webhook request's delivery row and events; resolves after they are committed. */
  record(record: IntakeRecord): Promise<RecordResult> {
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

  /** Catch-up: events of these workspaces after `afterId`, oldest first. Synchronous on purpose. */
  after(workspaceIds: string[], afterId: number, limit: number): WeftEvent[] {
    return (this.stmt.after!.all(afterId, JSON.stringify(workspaceIds), limit) as unknown as EventRow[]).map(toEvent);
  }

  latestId(): number {
    return Number((this.stmt.maxId!.get() as { id: number }).id);
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    let results: ({ ok: true; result: RecordResult } | { ok: false; error: unknown })[];
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      results = group.map((p) => this.writeAlone(p.record));
      this.sqlite.exec('COMMIT');
    } catch (error) {
      try { this.sqlite.exec('ROLLBACK'); } catch { /* already rolled back */ }
      for (const p of group) p.reject(error);
      return;
    }
    const published: WeftEvent[] = [];
    group.forEach((p, i) => {
      const r = results[i]!;
      if (r.ok) (published.push(...r.result.events), p.resolve(r.result));
      else p.reject(r.error);
    });
    if (!published.length) return;
    for (const listener of this.listeners) {
      // The events are committed and their writers answered: a failing listener is a bug
      // to log, never a reason to skip the next listener or to throw out of setImmediate.
      try {
        listener(published);
      } catch (error) {
        this.log.error('An event listener failed', { error: error instanceof Error ? error.stack : String(error) });
      }
    }
  }

  /**
   * One record inside the group's transaction, behind a savepoint: a record that cannot be
   * written (a payload JSON.stringify cannot serialise…) is rolled back and fails alone,
   * instead of failing every other webhook that happened to share its commit.
   */
  private writeAlone(record: IntakeRecord): { ok: true; result: RecordResult } | { ok: false; error: unknown } {
    this.stmt.savepoint!.run();
    try {
      const result = this.write(record);
      this.stmt.release!.run();
      return { ok: true, result };
    } catch (error) {
      this.stmt.rollbackTo!.run();
      this.stmt.release!.run();
      return { ok: false, error };
    }
  }

  private write(r: IntakeRecord): RecordResult {
    const now = new Date().toISOString();
    const { id: deliveryId } = this.stmt.insertDelivery!.get(
      r.provider, r.endpointId, r.items.map((i) => i.key).filter(Boolean).join(',') || null, r.eventType, r.status,
      r.reason, JSON.stringify(r.workspaceIds), now, r.bodyPreview, r.body, JSON.stringify(r.headers ?? {}),
    ) as { id: number };
    if (r.status !== 'accepted') return { deliveryId, status: r.status, events: [] };

    const events: WeftEvent[] = [];
    let fresh = 0;
    for (const item of r.items) {
      if (item.key !== null) {
        if (this.stmt.receiptExists!.get(r.provider, item.key)) continue;
        this.stmt.insertReceipt!.run(r.provider, item.key, deliveryId);
      }
      fresh++;
      for (const e of item.events) {
        const summary = JSON.stringify(e.summary);
        const payload = e.payloadIsBody && r.body !== null ? null : JSON.stringify(e.payload ?? null);
        const { id } = this.stmt.insertEvent!.get(e.workspaceId, e.type, e.provider, e.connectionId, deliveryId, summary, payload, now) as { id: number };
        const event: WeftEvent = { id, type: e.type, provider: e.provider, workspaceId: e.workspaceId, connectionId: e.connectionId, deliveryId, summary: e.summary, payload: e.payload ?? null, createdAt: now };
        if (payload === null) rawPayloads.set(event, r.body!);
        events.push(event);
      }
    }
    const status: DeliveryStatus = fresh === 0 && r.items.length > 0 ? 'duplicate' : 'accepted';
    this.stmt.finishDelivery!.run(status, events.length, deliveryId);
    return { deliveryId, status, events };
  }
}

interface EventRow {
  id: number; workspace_id: string; type: string; provider: string; connection_id: string | null;
  delivery_id: number | null; summary: string; payload_text: string | null; created_at: string;
}

function toEvent(row: EventRow): WeftEvent {
  const event: WeftEvent = {
    id: Number(row.id), type: row.type, provider: row.provider, workspaceId: row.workspace_id,
    connectionId: row.connection_id, deliveryId: row.delivery_id === null ? null : Number(row.delivery_id),
    summary: { title: '', url: null, actor: null, assignees: [], mentions: [], subject: null }, payload: null, createdAt: row.created_at,
  };
  // Rows written before intake bounded JSON depth may hold a payload that parses but can
  // never be serialised again: it is replaced here, so every reader (GET /api/events,
  // WebSocket, SSE) gets the same placeholder and none of them can throw on it.
  if (row.payload_text !== null && jsonNestsDeeperThan(row.payload_text, MAX_JSON_DEPTH)) return unreadableEvent(event, 'too_deep', row.summary);
  try {
    return { ...event, summary: JSON.parse(row.summary), payload: JSON.parse(row.payload_text ?? 'null') };
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
