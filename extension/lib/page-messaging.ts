import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ChoiceKind, Choice, Fresh, GithubContext, HubspotContext, HubspotObject, RepoContext } from './context/types';
import type { ActionRequest, OutboxItemView } from './outbox/types';

/**
 * The typed protocol of the overlays and the compose window with the background. Kept
 * apart from `messaging.ts` (which reaches zod through the API client) so that content
 * scripts stay small: this file imports types only.
 * https://webext-core.aklinker1.io/messaging/protocol-maps
 */

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

interface PageProtocol {
  /** Page or compose window → background: durable in the outbox first, then sent. */
  enqueueAction(request: ActionRequest): { id: string };
  /** Background → pages and provider tabs: one item changed state. */
  outboxChanged(item: OutboxItemView): void;
  /** The current state of items a panel is showing (after a reload of the worker, say). */
  getOutboxItems(ids: string[]): OutboxItemView[];
  getGithubContext(request: GithubContextRequest): Fresh<GithubContext>;
  getRepoContext(request: Lookup<{ owner: string; repo: string }>): Fresh<RepoContext>;
  getHubspotContext(request: Lookup<HubspotRecordRef>): Fresh<HubspotContext>;
  getChoices(request: Lookup<{ kind: ChoiceKind }>): Fresh<Choice[]>;
  findInHubspot(request: { query: string }): Fresh<FindResult>;
  /** Popup → background. */
  retryOutboxItem(id: string): void;
  discardOutboxItem(id: string): void;
}

export const { sendMessage: sendPageMessage, onMessage: onPageMessage } = defineExtensionMessaging<PageProtocol>();
