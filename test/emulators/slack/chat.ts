import { Hono } from 'hono';
import { authenticate, missingScope } from './api';
import { slackError } from './errors';
import type { SlackState } from './state';
import type { MessageRecord } from './workspace';

/** Slack truncates nothing: longer text is refused with msg_too_long. */
const MAX_TEXT = 40_000;

const flag = (value: unknown): boolean | null =>
  value === undefined || value === null ? null : value === true || value === 'true' || value === '1' || value === 1;

/** `blocks` as a JSON array or (form-encoded) a JSON string of one; undefined when absent. */
function parseBlocks(value: unknown): unknown[] | undefined | 'invalid_blocks_format' | 'invalid_blocks' {
  if (value === undefined || value === null || value === '') return undefined;
  let blocks = value;
  if (typeof value === 'string') {
    try {
      blocks = JSON.parse(value);
    } catch {
      return 'invalid_blocks_format';
    }
  }
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.some((b) => !b || typeof b !== 'object' || typeof (b as { type?: unknown }).type !== 'string')) return 'invalid_blocks';
  return blocks;
}

/** `metadata` as a JSON object or (form-encoded) a JSON string of one: `{event_type, event_payload}`. */
function parseMetadata(value: unknown): MessageRecord['metadata'] | 'invalid_metadata_format' | 'invalid_metadata_schema' {
  if (value === undefined || value === null || value === '') return null;
  let metadata = value;
  if (typeof value === 'string') {
    try {
      metadata = JSON.parse(value);
    } catch {
      return 'invalid_metadata_format';
    }
  }
  const m = metadata as { event_type?: unknown; event_payload?: unknown } | null;
  if (!m || typeof m !== 'object' || typeof m.event_type !== 'string' || !/^[a-z0-9_]{1,255}$/i.test(m.event_type) || !m.event_payload || typeof m.event_payload !== 'object' || Array.isArray(m.event_payload)) {
    return 'invalid_metadata_schema';
  }
  return { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
}

/**
 * `chat.postMessage` (JSON or form): checks in Slack's order (scope, channel, membership,
 * content), then the per-channel limit (429 + Retry-After, `ratelimited`), then posts.
 * Bots must be in a channel unless they hold chat:write.public; private channels they are
 * not in read as channel_not_found. `channel` may be an id, `name` or `#name`.
 * https://docs.slack.dev/reference/methods/chat.postMessage
 */
export function chatRoutes(state: SlackState): Hono {
  const app = new Hono();

  app.post('/api/chat.postMessage', async (c) => {
    const auth = await authenticate(state, c, 'chat.postMessage');
    if (auth instanceof Response) return auth;
    const refused = missingScope(c, auth, ['chat:write']);
    if (refused) return refused;
    const { args, token } = auth;
    const { install } = token.account;
    const channel = typeof args.channel === 'string' ? state.workspace.find(args.channel) : undefined;
    const poster = token.kind === 'bot' ? install.botUserId : install.userId;
    if (!channel || (channel.isPrivate && !channel.members.has(poster))) return c.json(slackError('channel_not_found'));
    if (channel.isArchived) return c.json(slackError('is_archived'));
    if (!channel.members.has(poster) && !(token.kind === 'bot' && token.scopes.includes('chat:write.public'))) return c.json(slackError('not_in_channel'));

    const text = typeof args.text === 'string' || typeof args.text === 'number' ? String(args.text) : '';
    const blocks = parseBlocks(args.blocks);
    if (blocks === 'invalid_blocks_format' || blocks === 'invalid_blocks') return c.json(slackError(blocks));
    if (text.trim() === '' && !blocks && !args.attachments) return c.json(slackError('no_text'));
    if (text.length > MAX_TEXT) return c.json(slackError('msg_too_long'));
    const metadata = parseMetadata(args.metadata);
    if (metadata === 'invalid_metadata_format' || metadata === 'invalid_metadata_schema') return c.json(slackError(metadata));

    const window = state.postLimiter.hit(`${install.team.id}:${channel.id}`);
    if (window.limited) {
      state.core.stats.rateLimited++;
      c.header('retry-after', String(Math.max(1, Math.ceil((window.resetAt - state.core.now()) / 1000))));
      return c.json(slackError('ratelimited'), 429);
    }

    const threadTs = typeof args.thread_ts === 'string' || typeof args.thread_ts === 'number' ? String(args.thread_ts) : null;
    const bot = token.kind === 'bot';
    const message = state.workspace.post({
      channel: channel.id,
      text,
      user: poster,
      botId: bot ? install.botId : null,
      appId: bot ? install.appId : null,
      team: install.team.id,
      blocks: blocks ?? null,
      threadTs,
      unfurlLinks: flag(args.unfurl_links),
      unfurlMedia: flag(args.unfurl_media),
      metadata,
    });
    const warning = text.trim() === '' ? { warning: 'missing_text_or_fallback_or_attachments', response_metadata: { warnings: ['missing_text_or_fallback_or_attachments'] } } : {};
    return c.json({ ok: true, channel: channel.id, ts: message.ts, message: messageJson(state, message), ...warning });
  });

  /**
   * `chat.getPermalink`: a message's address in the workspace, for any token of it.
   * https://docs.slack.dev/reference/methods/chat.getPermalink
   */
  app.on(['GET', 'POST'], '/api/chat.getPermalink', async (c) => {
    const auth = await authenticate(state, c, 'chat.getPermalink');
    if (auth instanceof Response) return auth;
    const { args, token } = auth;
    const channel = typeof args.channel === 'string' ? state.workspace.find(args.channel) : undefined;
    if (!channel) return c.json(slackError('channel_not_found'));
    const ts = typeof args.message_ts === 'string' || typeof args.message_ts === 'number' ? String(args.message_ts) : '';
    if (!state.workspace.messages.some((m) => m.channel === channel.id && m.ts === ts)) return c.json(slackError('message_not_found'));
    const { domain } = token.account.install.team;
    return c.json({ ok: true, channel: channel.id, permalink: `https://${domain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}` });
  });

  return app;
}

export function messageJson(state: SlackState, m: MessageRecord, withMetadata = false): Record<string, unknown> {
  const parent = m.threadTs ? state.workspace.messages.find((p) => p.channel === m.channel && p.ts === m.threadTs) : undefined;
  const install = state.install;
  return {
    user: m.user,
    type: 'message',
    ts: m.ts,
    ...(m.botId
      ? {
          bot_id: m.botId,
          app_id: m.appId,
          bot_profile: {
            id: m.botId,
            app_id: m.appId,
            name: install.botName,
            icons: { image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png', image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png', image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png' },
            deleted: false,
            updated: 1_700_000_000,
            team_id: m.team,
          },
        }
      : {}),
    text: m.text,
    team: m.team,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs, ...(parent ? { parent_user_id: parent.user } : {}) } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}
