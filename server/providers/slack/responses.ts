import { z } from 'zod';

/**
 * What Weft reads of Slack's Web API answers (after the `ok: false` check): only the
 * fields Weft uses. https://docs.slack.dev/reference/methods
 */
export const slackPosted = z.object({ channel: z.string(), ts: z.string() });

export const slackPermalink = z.object({ permalink: z.string().optional() });

/** `conversations.history` with `include_all_metadata`: only what finding Weft's own post needs. */
export const slackHistory = z.object({
  messages: z.array(z.object({
    ts: z.string(),
    metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
  })).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

export const slackChannels = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string(), is_member: z.boolean().optional(), is_private: z.boolean().optional() })).default([]),
});

export const slackChannelInfo = z.object({ channel: z.object({ name: z.string() }) });

/** `auth.test` and `auth.revoke`: Slack's envelope; errors are `ok: false` with HTTP 200. */
export const slackEnvelope = z.object({ ok: z.boolean(), error: z.string().optional(), team: z.string().optional(), team_id: z.string().optional() });
export type SlackEnvelope = z.infer<typeof slackEnvelope>;
