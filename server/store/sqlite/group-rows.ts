import type { AppendOutcome, IntakeRecord, StoredRecord } from '../intake-record';
import type { RecordRow, RowOutcome } from './group-writer';

/**
 * An intake record as the group writer takes it: every JSON column serialised here, on
 * the thread that received the webhook, so only strings cross to the writer thread and a
 * payload JSON.stringify cannot write (too deep, a BigInt) fails its own record before
 * the group is sent. The 11 KB body of a GitHub webhook is stored as it came, never
 * serialised again (`payloadIsBody`).
 */
export function toRow(r: IntakeRecord): RecordRow {
  return {
    provider: r.provider,
    endpointId: r.endpointId,
    deliveryKey: r.items.map((i) => i.key).filter(Boolean).join(',') || null,
    eventType: r.eventType,
    status: r.status,
    reason: r.reason,
    workspaceIds: JSON.stringify(r.workspaceIds),
    createdAt: new Date().toISOString(),
    bodyPreview: r.bodyPreview,
    body: r.body,
    headers: JSON.stringify(r.headers ?? {}),
    items: r.items.map((item) => ({
      key: item.key,
      events: item.events.map((e) => ({
        workspaceId: e.workspaceId, type: e.type, provider: e.provider, connectionId: e.connectionId,
        summary: JSON.stringify(e.summary),
        payload: payloadIsBody(r, e) ? null : JSON.stringify(e.payload ?? null),
      })),
    })),
  };
}

const payloadIsBody = (r: IntakeRecord, e: IntakeRecord['items'][number]['events'][number]) => e.payloadIsBody === true && r.body !== null;

/** What the writer reported for a record, as the event log reads it: the stored events beside the ones intake handed in. */
export function toOutcome(record: IntakeRecord, row: RecordRow, outcome: RowOutcome): AppendOutcome {
  if (!outcome.ok) return outcome;
  const events: StoredRecord['events'] = [];
  record.items.forEach((item, i) => {
    outcome.eventIds[i]!.forEach((id, j) => {
      const event = item.events[j]!;
      events.push({ id, event, payloadIsBody: payloadIsBody(record, event) });
    });
  });
  return { ok: true, stored: { deliveryId: outcome.deliveryId, status: outcome.status, createdAt: row.createdAt, events } };
}
