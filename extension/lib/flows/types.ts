/**
 * What the extension knows of a manual flow, and where a person can start one. Plain
 * data (types only): the overlays' content scripts import this file and must not pull
 * zod or the API client in with it.
 */

/**
 * Where a manual flow can be started: the popup (always), a GitHub issue or pull request
 * page, a HubSpot record page, a selection or a link (context menu). The document's
 * `trigger.from` names them (`shared/flows/document.ts`).
 */
export type ManualPlace = 'popup' | 'github.issue' | 'github.pull' | 'hubspot.record' | 'selection' | 'link';

/**
 * Why a listed flow cannot be started now: its instance is paused (by Weft, a connection
 * stopped working) or disabled (turned off). `reason` is the sentence to show:
 * "Paused: Slack (Team) expired: reconnect it to resume this flow."
 */
export type FlowUnavailable = { state: 'paused' | 'disabled'; reason: string };

/** One manual flow of one of the user's instances. */
export type ManualFlow = {
  instanceId: string;
  /** The instance's name, so two deployments of one integration can be told apart. */
  instanceName: string;
  flowId: string;
  flowName: string;
  description: string | null;
  /** Where besides the popup it can be started. */
  from: string[];
  /** JSON Schema of the input the popup's form asks for; null when it takes none. */
  inputSchema: Record<string, unknown> | null;
  /** Null when it can run; else shown (disabled, with the reason) rather than left out, so a paused flow does not just vanish. */
  unavailable: FlowUnavailable | null;
};

/** `POST /api/instances/:id/flows/:flowId/run`, as the background is asked to send it (through the outbox). */
export type FlowRunRequest = {
  instanceId: string;
  flowId: string;
  input: Record<string, unknown>;
  /** What the user asked for, in words ("Run Escalate to #support"); shown as text in the popup's outbox. */
  label: string;
  /** One per click or submission, made when it happens: a repeated message is one run. */
  idempotencyKey?: string;
  /** `menu`: no page watches it, so its outcome is told as a notification. */
  origin?: 'menu';
};

/** What a run request came to, read from the server's answer. */
export type RunOutcome =
  | { kind: 'started'; runId: string }
  /** The trigger's `if` said no: nothing ran, and the server says why. */
  | { kind: 'filtered'; reason: string };
