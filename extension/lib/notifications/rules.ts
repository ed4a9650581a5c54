import { flowInstanceUpdatedPayloadSchema, flowInstanceUpdatedType, flowRunFailedType, type WeftEvent } from '@@/shared/protocol';
import { isNews, isOwnAction } from '../events/activity-text';
import { connectionUpdateOf } from '../events/connection-update';

/**
 * Which events notify (and count on the badge). Every event belongs to exactly one rule:
 * the first whose subject it is, or "everything else". Turning a rule off silences its
 * events even when "everything else" is on.
 */
export const ruleIds = ['github-mine', 'hubspot-deal-stage', 'connection-problem', 'flow-failed', 'custom-webhook', 'everything-else'] as const;
export type RuleId = (typeof ruleIds)[number];

export type NotificationSettings = {
  enabled: Record<RuleId, boolean>;
  /** HubSpot owner id; when set, only that owner's deals notify. Empty means every deal. */
  dealOwnerId: string;
};

export const defaultNotificationSettings = {
  enabled: {
    'github-mine': true,
    'hubspot-deal-stage': true,
    'connection-problem': true,
    'flow-failed': true,
    'custom-webhook': true,
    'everything-else': false,
  },
  dealOwnerId: '',
} satisfies NotificationSettings;

export const ruleLabels: Record<RuleId, { label: string; hint: string }> = {
  'github-mine': {
    label: 'GitHub issue or PR assigned to me or mentioning me',
    hint: 'Matched against the accounts of your GitHub connections. Your own actions never notify.',
  },
  'hubspot-deal-stage': { label: 'HubSpot deal stage changes', hint: 'When a deal moves to another stage.' },
  'connection-problem': {
    label: 'A connection expired or failed',
    hint: 'Reconnect it from the popup before actions start failing; flows that use it pause until then.',
  },
  'flow-failed': { label: 'A flow run failed', hint: 'One of your deployed flows stopped on a step; the notification opens the run.' },
  'custom-webhook': { label: 'Custom webhooks', hint: 'Every request a custom webhook URL accepts.' },
  'everything-else': { label: 'Everything else', hint: 'Any other event from your connections.' },
};

/** What rules need to know about the user beyond the event. */
export type RuleContext = { githubLogins: readonly string[] };

/** Stored settings over the defaults, so a rule added later starts with its default. */
export function withDefaults(stored: Partial<NotificationSettings> | null | undefined): NotificationSettings {
  return {
    enabled: { ...defaultNotificationSettings.enabled, ...stored?.enabled },
    dealOwnerId: stored?.dealOwnerId ?? defaultNotificationSettings.dealOwnerId,
  };
}

/** The rule an event belongs to. */
export function ruleFor(event: WeftEvent, context: RuleContext): RuleId {
  if (event.type.startsWith('github.') && aboutMe(event, context)) return 'github-mine';
  if (event.type === 'hubspot.deal.propertyChange' && changedProperty(event.payload) === 'dealstage') return 'hubspot-deal-stage';
  if (isConnectionProblem(event)) return 'connection-problem';
  if (event.type === flowRunFailedType) return 'flow-failed';
  if (event.type.startsWith('custom.')) return 'custom-webhook';
  return 'everything-else';
}

/**
 * Should this event notify and count as unread?
 *
 * @example wantsAttention(issueAssignedToOctocat, defaultNotificationSettings, { githubLogins: ['octocat'] }) // true
 */
export function wantsAttention(event: WeftEvent, settings: NotificationSettings, context: RuleContext): boolean {
  // What the activity list leaves out, and what the user did themselves, is never news to them.
  if (!isNews(event) || isOwnAction(event)) return false;
  const rule = ruleFor(event, context);
  if (!settings.enabled[rule]) return false;
  if (rule === 'github-mine') return !isMine(event.summary.actor, context);
  if (rule === 'hubspot-deal-stage') {
    const owner = settings.dealOwnerId.trim();
    return owner === '' || event.summary.assignees.includes(owner);
  }
  return true;
}

function aboutMe(event: WeftEvent, context: RuleContext): boolean {
  return [...event.summary.assignees, ...event.summary.mentions].some((login) => isMine(login, context));
}

/** GitHub logins are case-insensitive. */
function isMine(login: string | null, context: RuleContext): boolean {
  if (!login) return false;
  const wanted = login.toLowerCase();
  return context.githubLogins.some((mine) => mine.toLowerCase() === wanted);
}

/** HubSpot's property-change payload names the property: `{propertyName: 'dealstage', …}`. */
function changedProperty(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('propertyName' in payload)) return undefined;
  return typeof payload.propertyName === 'string' ? payload.propertyName : undefined;
}

/** A connection that stopped working, or a flow Weft paused because one did. */
function isConnectionProblem(event: WeftEvent): boolean {
  if (event.type === flowInstanceUpdatedType) {
    const parsed = flowInstanceUpdatedPayloadSchema.safeParse(event.payload);
    return parsed.success && parsed.data.change.kind === 'paused';
  }
  const update = connectionUpdateOf(event);
  return update !== null && 'connection' in update && update.connection.status !== 'active';
}
