import { Hono } from 'hono';
import { authenticate, missingScope } from './api';
import { slackError } from './errors';
import type { SlackState } from './state';
import { messageJson } from './chat';
import type { ChannelRecord } from './workspace';

const TYPE_SCOPES: Record<string, string> = { public_channel: 'channels:read', private_channel: 'groups:read', mpim: 'mpim:read', im: 'im:read' };

/** A channel as conversations.list (and conversations.info) describe it. */
export function channelJson(channel: ChannelRecord, viewer: string, teamId: string): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: channel.isGeneral,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: teamId,
    updated: channel.created * 1000,
    parent_conversation: null,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [teamId],
    pending_connected_team_ids: [],
    is_member: channel.members.has(viewer),
    topic: { value: channel.topic, creator: channel.topic ? channel.creator : '', last_set: channel.topic ? channel.created : 0 },
    purpose: { value: channel.purpose, creator: channel.purpose ? channel.creator : '', last_set: channel.purpose ? channel.created : 0 },
    previous_names: [],
    num_members: channel.members.size,
  };
}

/** Opaque to clients, like Slack's base64 cursors ('dGVhbTpDMDYxRkE1UEI=' is 'team:C061FA5PB'). */
const encodeCursor = (index: number) => Buffer.from(`offset:${index}`).toString('base64');
const decodeCursor = (cursor: string) => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

/**
 * `conversations.list` (GET or POST): `types` (default public_channel), `exclude_archived`,
 * `limit` (default 100, at most 1000) and `cursor` paging with `response_metadata.next_cursor`
 * ('' on the last page). Each type needs its read scope; private channels show only to members.
 * https://docs.slack.dev/reference/methods/conversations.list
 */
export function conversationRoutes(state: SlackState): Hono {
  const app = new Hono();

  app.on(['GET', 'POST'], '/api/conversations.list', async (c) => {
    const auth = await authenticate(state, c, 'conversations.list');
    if (auth instanceof Response) return auth;
    const { params, token } = auth;
    const types = (params.types ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean);
    if (types.length === 0 || types.some((t) => !(t in TYPE_SCOPES))) return c.json(slackError('invalid_types'));
    const refused = missingScope(c, auth, types.map((t) => TYPE_SCOPES[t] ?? ''));
    if (refused) return refused;
    const readable = new Set(types.filter((t) => token.scopes.includes(TYPE_SCOPES[t] ?? '')));
    const viewer = token.kind === 'bot' ? token.account.install.botUserId : token.account.install.userId;
    const excludeArchived = params.exclude_archived === 'true' || params.exclude_archived === '1';
    const visible = state.workspace.channels.filter((ch) =>
      (ch.isPrivate ? readable.has('private_channel') && ch.members.has(viewer) : readable.has('public_channel')) && !(excludeArchived && ch.isArchived),
    );
    const limit = Math.min(1000, Math.max(1, Number(params.limit) || 100));
    let start = 0;
    if (params.cursor) {
      const decoded = decodeCursor(params.cursor);
      if (decoded === undefined) return c.json(slackError('invalid_cursor'));
      start = decoded;
    }
    const page = visible.slice(start, start + limit);
    const next = start + limit < visible.length ? encodeCursor(start + limit) : '';
    return c.json({ ok: true, channels: page.map((ch) => channelJson(ch, viewer, token.account.install.team.id)), response_metadata: { next_cursor: next } });
  });

  /**
   * `conversations.info` (GET or POST): one channel by id, with the read scope of its type;
   * a private channel the caller is not in reads as channel_not_found.
   * https://docs.slack.dev/reference/methods/conversations.info
   */
  app.on(['GET', 'POST'], '/api/conversations.info', async (c) => {
    const auth = await authenticate(state, c, 'conversations.info');
    if (auth instanceof Response) return auth;
    const { params, token } = auth;
    const viewer = token.kind === 'bot' ? token.account.install.botUserId : token.account.install.userId;
    const channel = state.workspace.channels.find((ch) => ch.id === params.channel);
    if (!channel || (channel.isPrivate && !channel.members.has(viewer))) return c.json(slackError('channel_not_found'));
    const refused = missingScope(c, auth, [channel.isPrivate ? 'groups:read' : 'channels:read']);
    if (refused) return refused;
    return c.json({ ok: true, channel: channelJson(channel, viewer, token.account.install.team.id) });
  });

  /**
   * `conversations.history` (GET or POST): a channel's messages, newest first, with the
   * history scope of its type, only for members (bots are not_in_channel otherwise).
   * `oldest` / `latest` (exclusive unless `inclusive`), `limit` (default 100, at most 999)
   * and `cursor` paging; `include_all_metadata` adds each message's `metadata`. Replies in
   * threads are not listed (conversations.replies has them), as in Slack.
   * https://docs.slack.dev/reference/methods/conversations.history
   */
  app.on(['GET', 'POST'], '/api/conversations.history', async (c) => {
    const auth = await authenticate(state, c, 'conversations.history');
    if (auth instanceof Response) return auth;
    const { params, args, token } = auth;
    const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
    const viewer = token.kind === 'bot' ? token.account.install.botUserId : token.account.install.userId;
    const channel = state.workspace.find(params.channel ?? '');
    if (!channel || (channel.isPrivate && !channel.members.has(viewer))) return c.json(slackError('channel_not_found'));
    const refused = missingScope(c, auth, [channel.isPrivate ? 'groups:history' : 'channels:history']);
    if (refused) return refused;
    if (!channel.members.has(viewer)) return c.json(slackError('not_in_channel'));
    const inclusive = truthy(args.inclusive);
    const oldest = Number(params.oldest ?? 0);
    const latest = params.latest === undefined ? Infinity : Number(params.latest);
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
    const start = params.cursor ? decodeCursor(params.cursor) : 0;
    if (start === undefined) return c.json(slackError('invalid_cursor'));
    const withMetadata = truthy(args.include_all_metadata);
    const listed = state.workspace.messages
      .filter((m) => m.channel === channel.id && (m.threadTs === null || m.threadTs === m.ts))
      .filter((m) => {
        const ts = Number(m.ts);
        return (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
      })
      .reverse();
    const page = listed.slice(start, start + limit);
    const more = start + limit < listed.length;
    return c.json({
      ok: true, messages: page.map((m) => messageJson(state, m, withMetadata)), has_more: more, pin_count: 0,
      response_metadata: { next_cursor: more ? encodeCursor(start + limit) : '' },
    });
  });

  return app;
}
