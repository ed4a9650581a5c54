import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Choice, ChoiceKind, Fresh, GithubContext, HubspotContext, HubspotObject, RepoContext } from '../context/types';
import type { FlowRunRequest, ManualFlow, ManualPlace } from '../flows/types';
import type { ActionRequest, OutboxItemView } from '../outbox/types';

/**
 * The one protocol toward the background: what the popup, the options page, the compose
 * window and the overlays (through `overlays/core/background.ts` only) ask of it. Its
 * handlers are all registered in `entrypoints/background.ts`. What the background tells
 * the pages travels the other way, in `to-pages.ts`.
 *
 * Types only besides the messenger: content scripts import this file, and must not pull
 * zod or the API client in with it.
 * https://webext-core.aklinker1.io/messaging/protocol-maps
 */

export type StartOAuthRequest = {
  provider: string;
  /** Reconnect: renew this connection instead of creating one. */
  connectionId?: string;
  name?: string;
};

/** Failures come back as values, not thrown errors, so the caller keeps the code. */
export type BackgroundResult = { ok: true } | { ok: false; code: string; message: string };

export type IssueRef = { owner: string; repo: string; number: number };
/** `refresh`: read the providers now (slower); without it the cached answer comes at once. */
export type Lookup<T> = T & { refresh?: boolean };

export type GithubContextRequest = Lookup<IssueRef & {
  /** Email addresses and domains written in the opening post on the page: who the issue is about. */
  mentions?: string[];
}>;
export type HubspotRecordRef = { portalId: string; object: HubspotObject; id: string };

/** The compose window's "Find in HubSpot": contacts and companies matching an email or a domain. */
export type FindResult = { query: string; matches: { object: HubspotObject; id: string; name: string; detail: string | null; url: string | null }[] };

interface ToBackground {
  // The popup.
  /** Ask the server for the consent URL, open it in a tab and watch that tab (the popup closes as the tab takes focus). */
  startOAuth(data: StartOAuthRequest): BackgroundResult;
  /** Pull the connection list into the Dexie cache now (the popup opened, or Retry). */
  refreshConnections(): BackgroundResult;
  /** The user is looking at the activity: clear the unread badge. */
  markAllRead(): void;
  /** "Retry now" while the live connection waits to reconnect. */
  reconnectPush(): void;
  retryOutboxItem(id: string): void;
  discardOutboxItem(id: string): void;

  // Overlays and the compose window.
  /** Durable in the outbox first, then sent. */
  enqueueAction(request: ActionRequest): { id: string };
  /** The current state of items a panel is showing (after a reload of the worker, say). */
  getOutboxItems(ids: string[]): OutboxItemView[];
  getGithubContext(request: GithubContextRequest): Fresh<GithubContext>;
  getRepoContext(request: Lookup<{ owner: string; repo: string }>): Fresh<RepoContext>;
  getHubspotContext(request: Lookup<HubspotRecordRef>): Fresh<HubspotContext>;
  getChoices(request: Lookup<{ kind: ChoiceKind }>): Fresh<Choice[]>;
  findInHubspot(request: { query: string }): Fresh<FindResult>;

  // Manual flows: the popup and the overlays.
  /** The manual flows that can be started from `place` (the cached list at once, or re-read with `refresh`). */
  getManualFlows(request: Lookup<{ place: ManualPlace }>): Fresh<ManualFlow[]>;
  /** Starts one: durable in the outbox first, then sent; follow it like an action (`getOutboxItems`, `outboxChanged`). */
  runFlow(request: FlowRunRequest): { id: string };
  /** Opens a run in the Flows page (a web page cannot link to the extension's pages). */
  openFlowRun(runId: string): void;
  /** From the Flows page: an instance was deployed, changed, enabled, disabled or deleted; re-read the manual flows now. */
  instancesChanged(): void;
}

export const { sendMessage: sendToBackground, onMessage: handleInBackground } = defineExtensionMessaging<ToBackground>();
