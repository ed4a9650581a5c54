import type { Trigger } from '@@/shared/flows/document';
import { SAMPLE_PAYLOADS, samplePayload } from '@@/shared/flows/sample-payloads';
import { triggerSample } from '@@/shared/flows/trigger-samples';
import { useLiveQuery } from '@/hooks/use-live-query';
import { db } from '@/lib/db';

/**
 * What `trigger` will hold, for the expression suggestions: for an event trigger, the
 * payload of the newest event of that type in this browser's event log (the user's own
 * data, so the paths are the ones their events really have), else the sample payload the
 * publish check uses; for the other triggers, the sample the publish check reads
 * (shared/flows/trigger-samples.ts: a schedule tick, a manual run's input, a webhook's
 * declared sample body). Undefined when nothing is known.
 */
export function useTriggerSample(trigger: Trigger): unknown {
  const event = trigger.type === 'event' ? trigger.event : '';
  const latest = useLiveQuery(() => (event ? db.events.where('type').equals(event).last() : Promise.resolve(undefined)), [event]);
  if (trigger.type !== 'event') return triggerSample(trigger);
  return latest?.payload ?? samplePayload(event);
}

/** Event types for the trigger's event field to suggest: those with a sample, and those this browser has seen. */
export function useEventTypes(): string[] {
  const seen = useLiveQuery(async () => (await db.events.orderBy('type').uniqueKeys()).map(String), []) ?? [];
  return [...new Set([...Object.keys(SAMPLE_PAYLOADS), ...seen])].sort();
}
