import type { slackActions } from '../../../shared/providers/actions/slack';
import type { ActionHandlers, FindDone, ProviderActions } from '../../actions/action-handler';
import { slackActivity } from './activity';
import { ProviderError } from '../provider-error';
import { slackChannels, slackHistory, slackPermalink, slackPosted } from './responses';

const API = 'https://slack.com/api';

/** Slack mrkdwn: `&`, `<` and `>` are control characters and must be escaped in user text. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** chat.postMessage: about one message a second per channel. */
const perChannel = (channel: string) => [{ key: `:chat:${channel}`, max: 1, windowMs: 1000 }];

const handlers: ActionHandlers<typeof slackActions> = {
  list_channels: async (api) => {
    const res = await api.call({ url: `${API}/conversations.list`, query: { types: 'public_channel,private_channel', exclude_archived: 'true', limit: 200 }, schema: slackChannels });
    return { channels: res.channels.map((c) => ({ id: c.id, name: c.name, isMember: Boolean(c.is_member), isPrivate: Boolean(c.is_private) })) };
  },
  post_message: async (api, i, call) => {
    const link = i.link ? `\n<${i.link.url.replace(/[|>]/g, encodeURIComponent)}|${escapeMrkdwn(i.link.title)}>` : '';
    const res = await api.call({
      method: 'POST', url: `${API}/chat.postMessage`,
      body: { channel: i.channel, text: `${escapeMrkdwn(i.text)}${link}`, unfurl_links: false, ...keyMetadata(call?.idempotencyKey) },
      limits: perChannel(i.channel), schema: slackPosted,
    });
    return { channel: res.channel, ts: res.ts, permalink: await permalinkOf(api, res.channel, res.ts) };
  },
  post_thread: async (api, i) => {
    const res = await api.call({ method: 'POST', url: `${API}/chat.postMessage`, body: { channel: i.channel, thread_ts: i.threadTs, text: escapeMrkdwn(i.text) }, limits: perChannel(i.channel), schema: slackPosted });
    return { channel: res.channel, ts: res.ts, permalink: await permalinkOf(api, res.channel, res.ts) };
  },
};

/** The metadata event type Weft's posts carry their idempotency key in. */
const KEY_EVENT = 'weft_action';

/** Slack message metadata holding the caller's idempotency key, so findPosted can find the message again. */
const keyMetadata = (key: string | undefined) => (key ? { metadata: { event_type: KEY_EVENT, event_payload: { idempotency_key: key } } } : {});

/** Pages of history read at most when looking for an earlier attempt's message. */
const MAX_HISTORY_PAGES = 5;

/**
 * Did an earlier attempt with `key` post this message? Slack has no idempotency keys, so
 * Weft leaves its key in the message's metadata and reads the channel's history since the
 * attempt started (a minute before, for clock skew) for a message carrying it.
 * https://docs.slack.dev/reference/methods/conversations.history
 */
const findPosted: FindDone = async (api, input: { channel: string }, key, since) => {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const res = await api.call({
      url: `${API}/conversations.history`,
      query: { channel: input.channel, oldest: (since.getTime() / 1000 - 60).toFixed(6), include_all_metadata: 'true', limit: 200, cursor },
      schema: slackHistory,
    });
    const found = res.messages.find((m) => m.metadata?.event_type === KEY_EVENT && m.metadata.event_payload?.idempotency_key === key);
    if (found) return { channel: input.channel, ts: found.ts, permalink: await permalinkOf(api, input.channel, found.ts) };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  throw new ProviderError('unavailable', 'Slack', 'Slack\'s history is too long to check whether the earlier attempt posted this message.');
};

/**
 * The posted message's address, so the form that sent it can link it. The message is
 * already posted: if Slack does not say where, the answer is null, never a failure (a
 * retry would post it again). An optional lookup: a 429 (or no free turn under the rate
 * limits) gives null at once instead of holding the action for Slack's Retry-After.
 * https://docs.slack.dev/reference/methods/chat.getPermalink
 */
async function permalinkOf(api: Parameters<ActionHandlers<typeof slackActions>['post_message']>[0], channel: string, ts: string): Promise<string | null> {
  try {
    const res = await api.call({ url: `${API}/chat.getPermalink`, query: { channel, message_ts: ts }, schema: slackPermalink, optional: true });
    return res.permalink?.startsWith('https://') ? res.permalink : null;
  } catch {
    return null;
  }
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/**
 * Slack answers HTTP 200 with `ok: false` for errors; this turns them into the same
 * ProviderError kinds other providers' status codes give.
 * https://api.slack.com/web#responses
 */
function check(json: unknown): void {
  const answer = json as { ok?: unknown; error?: unknown } | null;
  if (answer?.ok !== false) return;
  const error = String(answer.error ?? 'unknown_error');
  if (AUTH_ERRORS.has(error)) throw new ProviderError('unauthorized', 'Slack', `Slack rejected the token (${error})`);
  if (error === 'ratelimited') throw new ProviderError('unavailable', 'Slack', 'Slack is rate limiting this workspace. Weft will try again later.');
  throw new ProviderError('rejected', 'Slack', `Slack refused: ${error.replace(/_/g, ' ')}`);
}

export const slackProviderActions: ProviderActions = {
  handlers: handlers as ProviderActions['handlers'],
  describe: slackActivity,
  // Tier 3 methods: about 50 a minute per workspace.
  baseLimits: [{ key: '', max: 50, windowMs: 60_000 }],
  check,
  // post_thread has none: replies are not in the channel's history (conversations.replies would be).
  findDone: { post_message: findPosted },
};
