import type { z } from 'zod';
import { githubActions } from '@@/shared/providers/actions/github';
import { hubspotActions } from '@@/shared/providers/actions/hubspot';
import { slackActions } from '@@/shared/providers/actions/slack';

/** The catalog actions the extension runs, by provider: their `output` schemas read the server's answers. */
export const actionCatalog = { github: githubActions, hubspot: hubspotActions, slack: slackActions };
export type ActionCatalog = typeof actionCatalog;

/**
 * The output schema of a catalog action, or undefined for one this extension does not
 * know (an outbox item written by another version): its answer is then kept unread.
 *
 * @example actionOutput('slack', 'post_message') // postedMessageSchema
 */
export function actionOutput(provider: string, action: string): z.ZodType | undefined {
  const actions: Record<string, { output: z.ZodType }> | undefined = Object.hasOwn(actionCatalog, provider) ? actionCatalog[provider as keyof ActionCatalog] : undefined;
  return actions && Object.hasOwn(actions, action) ? actions[action]!.output : undefined;
}
