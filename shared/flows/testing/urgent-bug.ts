import type { ConfigVar, Flow, IntegrationDocument } from '../document';

/**
 * Test data both sides' flow tests build their documents from: the README's example,
 * "a GitHub issue labelled urgent → a Slack message", in parts, so the server's tests and
 * the extension's component tests describe the same integration with one source.
 */

/** What it says of itself: format, name, description, category, labels. */
export function urgentBugHeader(name = 'Urgent bugs to Slack'): Pick<IntegrationDocument, 'weft' | 'name' | 'description' | 'category' | 'labels'> {
  return { weft: 'integration/v1', name, description: 'Posts every new issue labelled urgent.', category: 'Engineering', labels: ['github', 'slack'] };
}

/** Its two connection variables: the Slack to post with, the GitHub to hear from. */
export const slackAndGithubVars: ConfigVar[] = [
  { key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' },
  { key: 'github', label: 'GitHub', type: 'connection', provider: 'github' },
];

/**
 * Its flow: a GitHub issue opened with the label urgent posts `text` in `config.channel`.
 *
 * @example urgentBugFlow('New urgent bug: {{trigger.issue.title}}')
 */
export function urgentBugFlow(text: string): Flow {
  return {
    id: 'urgent-bug',
    name: 'Urgent bug to Slack',
    trigger: { type: 'event', event: 'github.issues.opened', connection: 'github', if: 'trigger.issue.labels.exists(l, l.name == "urgent")' },
    steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text } }],
  };
}
