import type { IntegrationDocument, Trigger } from '../../../shared/flows/document';
import type { FlowSummary, TriggerSummary } from '../../../shared/protocol/flows';

/**
 * What the extension needs of a document's flows without the document: ids, names and
 * triggers (manual ones with where they may start and their input's schema). The
 * triggers' `if` stays on the server, which alone evaluates it.
 *
 * @example flowSummaries(doc)[0].trigger // { type: 'manual', from: ['github.issue'], inputSchema: null }
 */
export function flowSummaries(document: IntegrationDocument): FlowSummary[] {
  return document.flows.map((flow) => ({
    id: flow.id,
    name: flow.name,
    description: flow.description ?? null,
    trigger: triggerSummary(flow.trigger),
    stepCount: flow.steps.length,
  }));
}

function triggerSummary(trigger: Trigger): TriggerSummary {
  switch (trigger.type) {
    case 'event':
      return { type: 'event', event: trigger.event, connection: trigger.connection ?? null };
    case 'webhook':
      return { type: 'webhook', signed: trigger.signed ?? false };
    case 'schedule':
      return { type: 'schedule', cron: trigger.cron, timezone: trigger.timezone ?? 'UTC' };
    case 'manual':
      return { type: 'manual', from: trigger.from ?? [], inputSchema: trigger.inputSchema ?? null };
  }
}
