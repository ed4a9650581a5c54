import { Hono } from 'hono';
import type { SlackState } from './state';
import type { ChannelRecord, MessageRecord } from './workspace';

export interface ChannelSnapshot {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  botIsMember: boolean;
  members: string[];
}

/** A posted message as a test reads it; `channelName` saves looking the id up. */
export interface MessageSnapshot {
  channel: string;
  channelName: string;
  ts: string;
  text: string;
  user: string;
  botId: string | null;
  blocks: unknown[] | null;
  threadTs: string | null;
  replyCount: number;
  unfurlLinks: boolean | null;
  unfurlMedia: boolean | null;
}

export interface SlackSnapshot {
  channels: ChannelSnapshot[];
  messages: MessageSnapshot[];
}

export interface SeedChannelInput {
  name: string;
  id?: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** Whether the app's bot user is in the channel. Default true. */
  botIsMember?: boolean;
  topic?: string;
  purpose?: string;
}

/** Reading posted messages and seeding channels, in process and over `/_emulator/slack/*`. */
export interface SlackDataControls {
  snapshot(): SlackSnapshot;
  /** Messages in posting order, optionally of one channel (id, `name` or `#name`). */
  listMessages(channel?: string): MessageSnapshot[];
  listChannels(): ChannelSnapshot[];
  seedChannel(input: SeedChannelInput): ChannelSnapshot;
  /** As a member typing `/invite @Weft` in the channel (id, `name` or `#name`): the bot can post there from now on. */
  inviteBot(channel: string): ChannelSnapshot;
}

export function slackDataControls(state: SlackState): SlackDataControls {
  const { workspace, install } = state;
  const channelSnap = (c: ChannelRecord): ChannelSnapshot => ({
    id: c.id, name: c.name, isPrivate: c.isPrivate, isArchived: c.isArchived, botIsMember: c.members.has(install.botUserId), members: [...c.members],
  });
  const messageSnap = (m: MessageRecord): MessageSnapshot => ({
    channel: m.channel,
    channelName: workspace.find(m.channel)?.name ?? '',
    ts: m.ts,
    text: m.text,
    user: m.user,
    botId: m.botId,
    blocks: m.blocks,
    threadTs: m.threadTs,
    replyCount: m.replyCount,
    unfurlLinks: m.unfurlLinks,
    unfurlMedia: m.unfurlMedia,
  });
  const listMessages = (channel?: string) => {
    const id = channel === undefined ? undefined : (workspace.find(channel)?.id ?? channel);
    return workspace.messages.filter((m) => id === undefined || m.channel === id).map(messageSnap);
  };
  return {
    snapshot: () => ({ channels: workspace.channels.map(channelSnap), messages: listMessages() }),
    listMessages,
    listChannels: () => workspace.channels.map(channelSnap),
    seedChannel: (input) => {
      if (typeof input.name !== 'string') throw new Error('seedChannel needs a name');
      const members = [install.userId, ...(input.botIsMember === false ? [] : [install.botUserId])];
      return channelSnap(workspace.addChannel({ ...input, members, creator: install.userId }));
    },
    inviteBot: (channel) => {
      const found = workspace.find(channel);
      if (!found) throw new Error(`no channel ${channel}`);
      found.members.add(install.botUserId);
      return channelSnap(found);
    },
  };
}

/**
 * `/_emulator/slack/*`: `GET state` (channels and messages), `POST channels`
 * (`SeedChannelInput`; 201, or 400 `{ error }`) and `POST channels/:channel/invite-bot`
 * (200 with the channel, or 404 `{ error }`).
 */
export function slackControlRoutes(controls: SlackDataControls): Hono {
  const app = new Hono();
  app.get('/state', (c) => c.json(controls.snapshot()));
  app.post('/channels', async (c) => {
    try {
      return c.json(controls.seedChannel(await c.req.json()), 201);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
  });
  app.post('/channels/:channel/invite-bot', (c) => {
    try {
      return c.json(controls.inviteBot(c.req.param('channel')));
    } catch (error) {
      return c.json({ error: (error as Error).message }, 404);
    }
  });
  return app;
}
