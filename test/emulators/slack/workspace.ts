import type { Clock } from '../common/clock';
import type { SlackInstall } from './fixtures';

export interface ChannelRecord {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isGeneral: boolean;
  /** Unix seconds. */
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  /** User ids, the app's bot user included when the bot was added. */
  members: Set<string>;
}

export interface MessageRecord {
  channel: string;
  ts: string;
  text: string;
  /** Who posted: the bot user for bot tokens, the installing user for user tokens. */
  user: string;
  botId: string | null;
  appId: string | null;
  team: string;
  blocks: unknown[] | null;
  threadTs: string | null;
  replyCount: number;
  unfurlLinks: boolean | null;
  unfurlMedia: boolean | null;
  /** `metadata` as posted (`{event_type, event_payload}`), returned by conversations.history with include_all_metadata. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> } | null;
}

/**
 * The workspace's channels and the messages posted to them. Channel ids look like Slack's
 * (`C` + upper-case base 36); message `ts` values are unique and increasing per channel.
 */
export class SlackWorkspace {
  readonly channels: ChannelRecord[] = [];
  readonly messages: MessageRecord[] = [];
  readonly #now: Clock;
  #lastTs = 0;

  constructor(now: Clock) {
    this.#now = now;
  }

  /** By id, `#name` or `name`, as chat.postMessage's `channel` accepts. */
  find(channel: string): ChannelRecord | undefined {
    const name = channel.replace(/^#/, '').toLowerCase();
    return this.channels.find((c) => c.id === channel) ?? this.channels.find((c) => c.name === name);
  }

  addChannel(input: { id?: string; name: string; isPrivate?: boolean; isArchived?: boolean; isGeneral?: boolean; members: string[]; creator: string; topic?: string; purpose?: string }): ChannelRecord {
    const name = input.name.replace(/^#/, '').toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]{0,79}$/.test(name)) throw new Error(`invalid channel name ${input.name}`);
    if (this.find(name)) throw new Error(`channel #${name} already exists`);
    const channel: ChannelRecord = {
      id: input.id ?? `C0${(0x5EF7000 + this.channels.length * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
      name,
      isPrivate: input.isPrivate ?? false,
      isArchived: input.isArchived ?? false,
      isGeneral: input.isGeneral ?? false,
      created: Math.floor(this.#now() / 1000),
      creator: input.creator,
      topic: input.topic ?? '',
      purpose: input.purpose ?? '',
      members: new Set(input.members),
    };
    this.channels.push(channel);
    return channel;
  }

  /** A `ts` like '1712345678.000200': seconds, then a counter so two posts in one second differ. */
  nextTs(): string {
    const micros = Math.max(this.#now() * 1000, this.#lastTs + 100);
    this.#lastTs = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  post(message: Omit<MessageRecord, 'ts' | 'replyCount'>): MessageRecord {
    const record: MessageRecord = { ...message, ts: this.nextTs(), replyCount: 0 };
    if (record.threadTs) {
      const parent = this.messages.find((m) => m.channel === record.channel && m.ts === record.threadTs);
      if (parent) parent.replyCount++;
    }
    this.messages.push(record);
    return record;
  }
}

/**
 * The demo workspace: #general and #eng with the bot in them, #sales without it (posting
 * there is not_in_channel), and a private #deal-desk the bot is in (listed only with groups:read).
 */
export function seedWorkspace(workspace: SlackWorkspace, install: SlackInstall): void {
  const everyone = [install.userId];
  const withBot = [install.userId, install.botUserId];
  workspace.addChannel({ id: 'C0WEFTGEN01', name: 'general', isGeneral: true, members: withBot, creator: install.userId, purpose: 'Company-wide announcements and work-based matters' });
  workspace.addChannel({ id: 'C0WEFTENG01', name: 'eng', members: withBot, creator: install.userId, topic: 'Builds, incidents and GitHub issues' });
  workspace.addChannel({ id: 'C0WEFTSAL01', name: 'sales', members: everyone, creator: install.userId, topic: 'Deals and renewals' });
  workspace.addChannel({ id: 'C0WEFTDEAL1', name: 'deal-desk', isPrivate: true, members: withBot, creator: install.userId });
}
