import { ownEventPayloadSchemas } from '../../../shared/protocol/activity';
import { eventOriginSchema, type EventOrigin, type WeftEvent } from '../../../shared/protocol/events';

/**
 * A chain of flows starting each other through the events their steps cause (flow A's
 * step runs an action, its `action.completed` starts flow B, whose step starts A …) stops
 * after this many runs: the event the fifth run caused starts nothing, and each trigger it
 * would have fired records a filtered firing that says so.
 */
export const MAX_CHAIN_DEPTH = 5;

/**
 * The flow run an event came from, when Weft made the event while doing that run's work
 * (`origin` in its payload, see server/events/event-origin.ts). Only the types Weft makes
 * itself are believed (`action.completed`, `flow.run_failed`, …): a provider's or a custom
 * endpoint's event (`github.…`, `custom.…`) carries the sender's body, which could claim
 * any origin.
 */
export function originOf(event: Pick<WeftEvent, 'type' | 'payload'>): EventOrigin | undefined {
  if (!Object.hasOwn(ownEventPayloadSchemas, event.type) || typeof event.payload !== 'object' || event.payload === null) return undefined;
  const parsed = eventOriginSchema.safeParse((event.payload as { origin?: unknown }).origin);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Why a trigger of `flowId` in `instanceId` must not fire from an event of this origin
 * ("loop — …"), or null when it may.
 *
 * Two rules. A flow is never started by an event its own runs caused, at any depth: a
 * flow that posts to Slack on every `action.completed` would otherwise answer its own
 * post with another, and a person who writes "when an action completes, tell the team"
 * means the actions people (and other flows) do, not the flow's own messages — that is
 * what Zapier and n8n users are used to (a Zap does not trigger itself). Chains through
 * other flows are legitimate (A files an issue, B announces it), so they are only cut at
 * MAX_CHAIN_DEPTH, which also stops a cycle of two or more flows.
 */
export function loopReason(origin: EventOrigin | undefined, instanceId: string, flowId: string): string | null {
  if (!origin) return null;
  if (origin.instanceId === instanceId && origin.flowId === flowId) {
    return `loop — this event was caused by run ${origin.runId} of this flow (a chain ${origin.depth} deep), and a flow is not started by what its own runs do`;
  }
  if (origin.depth >= MAX_CHAIN_DEPTH) {
    return `loop — this event was caused by run ${origin.runId} of flow "${origin.flowId}", a chain ${origin.depth} deep; Weft stops flows starting each other after ${MAX_CHAIN_DEPTH} runs`;
  }
  return null;
}
