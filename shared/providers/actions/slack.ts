import { z } from 'zod';
import { defineAction } from './define';
import { channelsResultSchema, postedMessageSchema } from './slack-results';

const channel = z.string().regex(/^[CGD][A-Z0-9]+$/, 'A Slack channel id, e.g. C0123456.');

/** Slack actions. Wire format: server/providers/slack/actions.ts. */
export const slackActions = {
  list_channels: defineAction({
    title: 'List channels',
    description: 'Channels the Weft bot can post in.',
    kind: 'read',
    input: z.object({}),
    output: channelsResultSchema,
  }),
  post_message: defineAction({
    title: 'Post message',
    description: 'Post a message in a channel, with a link back to where it came from.',
    kind: 'write',
    input: z.object({
      channel,
      text: z.string().trim().min(1).max(4000),
      link: z.object({ url: z.string().url(), title: z.string().max(200) }).optional(),
    }),
    output: postedMessageSchema,
  }),
  post_thread: defineAction({
    title: 'Reply in thread',
    description: 'Reply in a message’s thread.',
    kind: 'write',
    input: z.object({ channel, threadTs: z.string().regex(/^\d+\.\d+$/), text: z.string().trim().min(1).max(4000) }),
    output: postedMessageSchema,
  }),
};
