import type { z } from 'zod';
import type { githubActions } from '@@/shared/providers/actions/github';
import type { hubspotActions } from '@@/shared/providers/actions/hubspot';
import type { slackActions } from '@@/shared/providers/actions/slack';
import type { FlowRunRequest } from '../flows/types';

/**
 * Types only: content scripts import this file, and must not pull zod or the catalog
 * into their bundle (`import type` is erased).
 */

type Actions = { github: typeof githubActions; hubspot: typeof hubspotActions; slack: typeof slackActions };

/** One catalog action with its typed input, e.g. `{provider: 'slack', action: 'post_message', input: {channel, text}}`. */
export type ActionRequest = {
  [P in keyof Actions]: {
    [A in keyof Actions[P] & string]: {
      provider: P;
      action: A;
      input: z.input<Actions[P][A] extends { input: infer S extends z.ZodType } ? S : never>;
      connectionId?: string;
      /** What the user asked for, in words ("Post to Slack #eng"); shown as text in the popup. */
      label: string;
      /**
       * One per submission of a form, made when it is submitted: the same key enqueued
       * twice (a double click, a resent message) is one item, sent once.
       */
      idempotencyKey?: string;
    };
  }[keyof Actions[P] & string];
}[keyof Actions];

/** What the outbox sends: a catalog action, or a manual flow's run. */
export type OutboxRequest = ActionRequest | FlowRunRequest;

export type OutboxStatus = 'queued' | 'sending' | 'done' | 'failed';

/** One action the user asked for, kept in Dexie until the server has answered it for good. */
export type OutboxItem = {
  id: string;
  /** Whose it is (`<server> <user id>`): never sent as another account. */
  owner: string;
  provider: string;
  action: string;
  input: unknown;
  connectionId?: string;
  label: string;
  /** Sent as `Idempotency-Key` on every attempt: a retry is answered, never done twice. */
  idempotencyKey: string;
  status: OutboxStatus;
  attempts: number;
  /** Why it is still queued, or why it failed, as a sentence. */
  lastError: string | null;
  lastErrorCode: string | null;
  /** Epoch ms of the next automatic attempt while queued. */
  nextAttemptAt: number | null;
  /** The server's `result` once done (a run's: `{run}` or `{filtered}`). */
  result?: unknown;
  /**
   * A manual flow's run (`POST /api/instances/:id/flows/:flowId/run`) instead of a catalog
   * action; `provider` and `action` are then `weft` and `run_flow`.
   */
  run?: { instanceId: string; flowId: string };
  /** `menu`: asked for from the context menu, where no page shows how it went (a notification does). */
  origin?: 'menu';
  createdAt: number;
  updatedAt: number;
};

/** What pages see of an item. */
export type OutboxItemView = Pick<OutboxItem, 'id' | 'label' | 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'result' | 'provider' | 'action' | 'run'>;

export function outboxView(item: OutboxItem): OutboxItemView {
  const { id, label, status, attempts, lastError, nextAttemptAt, result, provider, action, run } = item;
  return { id, label, status, attempts, lastError, nextAttemptAt, result, provider, action, ...(run ? { run } : {}) };
}
