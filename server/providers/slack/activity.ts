import type { ActionDescriber } from '../../actions/activity-line';
import type { ProviderApi } from '../../actions/action-api';
import { slackChannelInfo } from './responses';

/**
 * Slack answers a post with the channel's id; people know channels by name. One optional
 * lookup, after the post: rate limited, the line says "Slack" at once instead of waiting.
 */
async function channelName(api: ProviderApi, id: string): Promise<string> {
  const res = await api.call({ url: 'https://slack.com/api/conversations.info', query: { channel: id }, schema: slackChannelInfo, optional: true });
  return `#${res.channel.name}`;
}

/** Slack write actions as activity lines. */
export const slackActivity: Record<string, ActionDescriber> = {
  post_message: async (i, _r, api) => ({ text: `You posted to ${await channelName(api, i.channel).catch(() => 'Slack')}`, url: null }),
  post_thread: async (i, _r, api) => ({ text: `You replied in a thread in ${await channelName(api, i.channel).catch(() => 'Slack')}`, url: null }),
};
