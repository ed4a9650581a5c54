import type { Choice, ChoiceKind, Fresh, GithubContext, HubspotContext, RepoContext } from '@/lib/context/types';
import type { FlowRunRequest, ManualFlow, ManualPlace } from '@/lib/flows/types';
import { sendToBackground, type GithubContextRequest, type HubspotRecordRef } from '@/lib/messaging/to-background';
import { listenToBackground } from '@/lib/messaging/to-pages';
import type { ActionRequest, OutboxItemView } from '@/lib/outbox/types';
import { callBackground } from './invalidated';

/**
 * The content scripts' only way to the extension: typed messages, with an orphaned
 * script handled once (`invalidated.ts`). Features and panels call these, never the
 * messaging modules or `browser.runtime` (a unit test greps the overlays for that).
 */
export const background = {
  githubContext: (request: GithubContextRequest): Promise<Fresh<GithubContext>> => callBackground(() => sendToBackground('getGithubContext', request)),
  repoContext: (owner: string, repo: string, refresh: boolean): Promise<Fresh<RepoContext>> =>
    callBackground(() => sendToBackground('getRepoContext', { owner, repo, refresh })),
  hubspotContext: (record: HubspotRecordRef, refresh: boolean): Promise<Fresh<HubspotContext>> =>
    callBackground(() => sendToBackground('getHubspotContext', { ...record, refresh })),
  enqueue: (request: ActionRequest) => callBackground(() => sendToBackground('enqueueAction', request)),
  choices: (kind: ChoiceKind, refresh: boolean): Promise<Fresh<Choice[]>> => callBackground(() => sendToBackground('getChoices', { kind, refresh })),
  outboxItems: (ids: string[]) => callBackground(() => sendToBackground('getOutboxItems', ids)),
  manualFlows: (place: ManualPlace, refresh: boolean): Promise<Fresh<ManualFlow[]>> => callBackground(() => sendToBackground('getManualFlows', { place, refresh })),
  /** Durable in the outbox first, then sent; follow it with `watchOutboxItem`. */
  runFlow: (request: FlowRunRequest) => callBackground(() => sendToBackground('runFlow', request)),
  openFlowRun: (runId: string) => callBackground(() => sendToBackground('openFlowRun', runId)),
};

const watchers = new Map<string, Set<(item: OutboxItemView) => void>>();
let listening = false;

/** Follows one outbox item as the background reports its changes. Returns the unsubscribe. */
export function watchOutboxItem(id: string, onChange: (item: OutboxItemView) => void): () => void {
  if (!listening) {
    listening = true;
    // One listener per type per context: every panel's items share it.
    listenToBackground('outboxChanged', ({ data }) => {
      for (const watcher of watchers.get(data.id) ?? []) watcher(data);
    });
  }
  const set = watchers.get(id) ?? new Set();
  set.add(onChange);
  watchers.set(id, set);
  return () => {
    set.delete(onChange);
    if (set.size === 0) watchers.delete(id);
  };
}

const flowWatchers = new Set<() => void>();
let listeningToFlows = false;

/**
 * Called whenever the background re-read the manual flows and they changed (one was
 * deployed, turned off, paused…): a panel asks for its flows again. Returns the unsubscribe.
 */
export function watchManualFlows(onChange: () => void): () => void {
  if (!listeningToFlows) {
    listeningToFlows = true;
    listenToBackground('manualFlowsChanged', () => {
      for (const watcher of flowWatchers) watcher();
    });
  }
  flowWatchers.add(onChange);
  return () => flowWatchers.delete(onChange);
}
