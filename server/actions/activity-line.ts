import type { User } from '../../shared/protocol/auth';
import { actionCompletedType, type ActionCompletedPayload } from '../../shared/protocol/activity';
import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { currentEventOrigin } from '../events/event-origin';
import type { ProviderApi } from './action-api';

/** What the user did, in their words: "You created issue #12 in acme/app", and where to see it. */
export type ActivityLine = { text: string; url: string | null };

/**
 * Says what one successful write action did, from its input and result. It may ask the
 * provider for a name it lacks (Slack answers a post with the channel id only).
 */
export type ActionDescriber = (input: any, result: any, api: ProviderApi) => ActivityLine | Promise<ActivityLine>;

/**
 * After a write action succeeded: an `action.completed` event in the user's own workspace,
 * so every browser they are signed in to shows it in activity, the one that sent it and
 * the others. A failure here is logged, never turned into a failed action: the provider
 * has already done it, and an error would make the outbox send it again.
 */
export async function publishActionCompleted(
  deps: AppDeps, user: User, provider: Provider, actionId: string, connectionId: string, describe: () => ActivityLine | Promise<ActivityLine>,
): Promise<void> {
  try {
    const line = await Promise.resolve().then(describe).catch(() => ({ text: `You ran “${provider.actions?.[actionId]?.title ?? actionId}” in ${provider.name}`, url: null }));
    const payload: ActionCompletedPayload = { userId: user.id, provider: provider.id, action: actionId, connectionId };
    // A flow's step ran it: the event names that run, so the flow's triggers cannot loop on it.
    const origin = await currentEventOrigin();
    if (origin) payload.origin = origin;
    await deps.events.append([
      {
        workspaceId: user.workspaceId,
        type: actionCompletedType,
        provider: provider.id,
        connectionId,
        summary: { title: line.text.slice(0, 300), url: line.url, actor: null, assignees: [], mentions: [], subject: null },
        payload,
      },
    ]);
  } catch (error) {
    deps.log.warn('Could not record a completed action in activity.', { provider: provider.id, action: actionId, reason: error instanceof Error ? error.message : String(error) });
  }
}
