import type { Trigger } from '@@/shared/flows/document';
import { SAMPLE_PAYLOADS, samplePayload } from '@@/shared/flows/sample-payloads';
import { useLiveQuery } from '@/hooks/use-live-query';
import { db } from '@/lib/db';

/**
 * What `trigger` will hold, for the expression suggestions: for an event trigger, the
 * payload of the newest event of that type in this browser's event log (the user's own
 * data, so the paths are the ones their events really have), else the sample payload the
 * publish check uses (shared/flows/sample-payloads.ts); for a manual trigger, the fields
 * of its input schema. Undefined when nothing is known.
 */
export function useTriggerSample(trigger: Trigger): unknown {
  const event = trigger.type === 'event' ? trigger.event : '';
  const latest = useLiveQuery(() => (event ? db.events.where('type').equals(event).last() : Promise.resolve(undefined)), [event]);
  if (trigger.type === 'manual') return trigger.inputSchema ? sampleOfSchema(trigger.inputSchema) : undefined;
  return latest?.payload ?? (event ? samplePayload(event) : undefined);
}

/** Event types for the trigger's event field to suggest: those with a sample, and those this browser has seen. */
export function useEventTypes(): string[] {
  const seen = useLiveQuery(async () => (await db.events.orderBy('type').uniqueKeys()).map(String), []) ?? [];
  return [...new Set([...Object.keys(SAMPLE_PAYLOADS), ...seen])].sort();
}

/** An object with the schema's properties (nested objects followed), so its paths can be listed. */
function sampleOfSchema(schema: Record<string, unknown>, depth = 0): unknown {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties || depth > 4) return null;
  return Object.fromEntries(Object.entries(properties).map(([key, prop]) => [key, prop.type === 'object' ? sampleOfSchema(prop, depth + 1) : null]));
}
