import { z } from 'zod';

/** What Slack actions answer (server/providers/slack/actions.ts shapes them from Slack's JSON). */

export const channelsResultSchema = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string(), isMember: z.boolean(), isPrivate: z.boolean() })),
});

/** A posted message; `permalink` is null when Slack did not say where it is (the message is posted all the same). */
export const postedMessageSchema = z.object({ channel: z.string(), ts: z.string(), permalink: z.string().nullable() });
