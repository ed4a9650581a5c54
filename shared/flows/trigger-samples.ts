import type { Trigger } from './document';
import { samplePayload } from './sample-payloads';

// What `trigger` holds when a flow runs, for each kind of trigger, as a sample: the
// editor lists its fields as suggestions and publishing (check.ts) refuses a path it
// lacks. Each shape is the one the server really hands a run:
// - event: the event type's payload (sample-payloads.ts);
// - schedule: what the schedule ticker fires a tick with (server/flows/triggers/schedule-ticker.ts);
// - manual: the input, from the popup's form (built from `inputSchema`) and from each
//   place `from` names (the page's entity, the selection, the link: the shapes
//   extension/lib/flows/page-input.ts builds);
// - webhook: the sender's body, so only the document can say (`trigger.sample`).

/** One tick's data; `cron` and `timezone` are the trigger's own. A catch-up run after downtime also has `caughtUp: true` (read it with has()). */
export function scheduleSample(trigger: Extract<Trigger, { type: 'schedule' }>) {
  return { scheduledAt: '2026-01-05T09:00:00.000Z', firedAt: '2026-01-05T09:00:00.412Z', cron: trigger.cron, timezone: trigger.timezone ?? 'UTC' };
}

/** The input a manual run started from each place gets (the popup's is its form's, see manualSample). */
export const MANUAL_PLACE_SAMPLES = {
  'github.issue': { repo: 'octocat/hello-world', number: 2, title: 'Export fails on large files', url: 'https://github.com/octocat/hello-world/issues/2' },
  'github.pull': { repo: 'octocat/hello-world', number: 3, title: 'Stream the export', url: 'https://github.com/octocat/hello-world/pull/3' },
  'hubspot.record': { objectType: 'companies', id: '10002', name: 'Acme Corp', url: 'https://app.hubspot.com/contacts/62515/record/0-2/10002' },
  selection: { text: 'Export fails on large files', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42' },
  link: { url: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/', pageTitle: 'News' },
} as const;

/**
 * A manual run's input: the fields of its `inputSchema` (what the popup's form sends; `{}`
 * without one) and of every place it is offered from. A path is taken when any of them
 * sends it: which one a run gets depends on where the person clicked.
 */
export function manualSample(trigger: Extract<Trigger, { type: 'manual' }>): unknown {
  const fromSchema = trigger.inputSchema ? sampleOfJsonSchema(trigger.inputSchema) : {};
  // A schema that is not an object with properties (or that allows any field) cannot say what the input holds.
  if (fromSchema === null || typeof fromSchema !== 'object' || Array.isArray(fromSchema)) return undefined;
  const places = (trigger.from ?? []).filter((p): p is keyof typeof MANUAL_PLACE_SAMPLES => Object.hasOwn(MANUAL_PLACE_SAMPLES, p));
  return Object.assign({}, ...places.map((p) => MANUAL_PLACE_SAMPLES[p]), fromSchema);
}

/**
 * The sample `trigger` of a flow's trigger, or undefined when nothing can be known about it
 * (an event type with no sample, a webhook that declares none: then any field is taken).
 *
 * @example triggerSample({ type: 'schedule', cron: '0 9 * * 1-5' }) // { scheduledAt: '2026-…', firedAt: '2026-…', cron: '0 9 * * 1-5', timezone: 'UTC' }
 */
export function triggerSample(trigger: Trigger, eventSample: (eventType: string) => unknown = samplePayload): unknown {
  switch (trigger.type) {
    case 'event':
      return eventSample(trigger.event);
    case 'schedule':
      return scheduleSample(trigger);
    case 'manual':
      return manualSample(trigger);
    case 'webhook':
      return trigger.sample;
  }
}

/** How problems name the sample they were found on (plural with an s: "… payloads have no field"). */
export function triggerSampleName(trigger: Trigger): string {
  switch (trigger.type) {
    case 'event':
      return `${trigger.event} payload`;
    case 'schedule':
      return 'schedule tick';
    case 'manual':
      return 'manual run input';
    case 'webhook':
      return 'body like trigger.sample';
  }
}

/**
 * A value of a JSON Schema's shape: each property with a value of its type (its default,
 * const, first enum value or example when it has one), nested objects followed. null where
 * the schema does not say (no type, a union, an object open to any field): a null on a
 * path stops the check there, as the real value may hold anything.
 */
export function sampleOfJsonSchema(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 8) return null;
  const s = schema as Record<string, unknown>;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  switch (s.type ?? (s.properties ? 'object' : undefined)) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return s.items ? [sampleOfJsonSchema(s.items, depth + 1)] : [];
    case 'object': {
      const properties = s.properties && typeof s.properties === 'object' ? (s.properties as Record<string, unknown>) : undefined;
      if (!properties || (s.additionalProperties !== undefined && s.additionalProperties !== false)) return null;
      return Object.fromEntries(Object.entries(properties).map(([key, prop]) => [key, sampleOfJsonSchema(prop, depth + 1)]));
    }
    default:
      return null;
  }
}
