// What `trigger` holds for each event type a provider of the catalog sends: one sample
// payload per type, as the provider sends it. Publishing checks every `trigger.` path an
// expression reads against the sample of its trigger's event type, and the editor offers
// the sample's fields as suggestions.
//
// GitHub's are its documented examples (@octokit/webhooks-examples) without the API URL
// fields (`*_url` but html_url, `url`, `node_id`); sample-payloads.test.ts holds them to
// those examples both ways, so a field GitHub sends is never missing here. Slack's is the
// event_callback envelope, HubSpot's one event of its webhook array, as their docs show.

const user = { login: 'Codertocat', id: 21031067, html_url: 'https://github.com/Codertocat', type: 'User', site_admin: false };

const repository = {
  id: 186853002, name: 'Hello-World', full_name: 'Codertocat/Hello-World', private: false, owner: user,
  html_url: 'https://github.com/Codertocat/Hello-World', description: null, fork: false,
  created_at: '2019-05-15T15:19:25Z', updated_at: '2019-05-15T15:19:27Z', pushed_at: '2019-05-15T15:20:13Z',
  homepage: null, size: 0, stargazers_count: 0, watchers_count: 0, language: null, has_issues: true,
  has_projects: true, has_downloads: true, has_wiki: true, has_pages: true, forks_count: 0, archived: false,
  disabled: false, open_issues_count: 1, license: null, forks: 0, open_issues: 1, watchers: 0,
  default_branch: 'master', is_template: false, topics: ['docs'], visibility: 'public',
  web_commit_signoff_required: false, custom_properties: {},
};

/** A pull request's head and base repositories also say how it may be merged. */
const pullRepository = { ...repository, allow_squash_merge: true, allow_merge_commit: true, allow_rebase_merge: true, delete_branch_on_merge: false };

const label = { id: 1362934389, name: 'bug', color: 'd73a4a', default: true, description: "Something isn't working" };

const milestone = {
  html_url: 'https://github.com/Codertocat/Hello-World/milestone/1', id: 4317517, number: 1, title: 'v1.0',
  description: 'Add new space flight simulator', creator: user, open_issues: 1, closed_issues: 0, state: 'closed',
  created_at: '2019-05-15T15:20:17Z', updated_at: '2019-05-15T15:20:18Z', due_on: '2019-05-23T07:00:00Z', closed_at: '2019-05-15T15:20:18Z',
};

const issue = {
  html_url: 'https://github.com/Codertocat/Hello-World/issues/1', id: 444500041, number: 1,
  title: 'Spelling error in the README file', user, labels: [label], state: 'open', locked: false,
  assignee: user, assignees: [user], milestone, comments: 0, created_at: '2019-05-15T15:20:18Z',
  updated_at: '2019-05-15T15:20:18Z', closed_at: null, author_association: 'OWNER', active_lock_reason: null,
  body: "It looks like you accidently spelled 'commit' with two 't's.", draft: false,
};

const comment = {
  html_url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400', id: 492700400, user,
  created_at: '2019-05-15T15:20:21Z', updated_at: '2019-05-15T15:20:21Z', author_association: 'OWNER',
  body: "You are totally right! I'll get this fixed right away.",
};

const pullRequest = {
  id: 279147437, html_url: 'https://github.com/Codertocat/Hello-World/pull/2', number: 2, state: 'open', locked: false,
  title: 'Update the README with new information.', user, body: 'This is a pretty simple change that we need to pull into master.',
  created_at: '2019-05-15T15:20:33Z', updated_at: '2019-05-15T15:20:33Z', closed_at: null, merged_at: null,
  merge_commit_sha: null, assignee: user, assignees: [user], requested_reviewers: [user], requested_teams: [], labels: [label], milestone,
  head: { label: 'Codertocat:changes', ref: 'changes', sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', user, repo: pullRepository },
  base: { label: 'Codertocat:master', ref: 'master', sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', user, repo: pullRepository },
  author_association: 'OWNER', auto_merge: null, active_lock_reason: null, draft: false, merged: false, mergeable: null, rebaseable: null, mergeable_state: 'unknown',
  merged_by: null, comments: 0, review_comments: 0, maintainer_can_modify: false, commits: 1, additions: 1, deletions: 1, changed_files: 1,
};

/** One HubSpot webhook event (its array holds many; each becomes one event). */
const hubspotEvent = (subscriptionType: string, change: Record<string, unknown> = {}) => ({
  eventId: 100, subscriptionId: 4210, portalId: 62515, appId: 1160452, occurredAt: 1700000000000,
  subscriptionType, attemptNumber: 0, objectId: 1246965, changeSource: 'CRM', ...change,
});

const slackEnvelope = (event: Record<string, unknown>) => ({
  token: 'XXYYZZ', team_id: 'T123ABC', api_app_id: 'A0123456', type: 'event_callback', event_id: 'Ev0123456',
  event_time: 1700000000, authorizations: [{ team_id: 'T123ABC', user_id: 'U0LAN0Z89', is_bot: true }],
  event: { channel: 'C2147483705', user: 'U2147483697', ts: '1355517523.000005', event_ts: '1355517523.000005', ...event },
});

/** `edited` events say what changed; `synchronize` the head before and after the push. */
const byAction: Record<string, Record<string, unknown>> = {
  edited: { changes: { body: { from: 'The text before the edit.' } } },
  synchronize: { before: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', after: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
};

/** Every GitHub delivery: `installation` when it comes through a GitHub App. */
const github = (event: string, actions: string[], body: Record<string, unknown>) =>
  Object.fromEntries(actions.map((action) => [`github.${event}.${action}`, { action, ...body, ...byAction[action], repository, sender: user, installation: { id: 1 } }]));

const hubspot = (objects: string[]) =>
  Object.fromEntries(
    objects.flatMap((object) => [
      [`hubspot.${object}.creation`, hubspotEvent(`${object}.creation`, { changeFlag: 'NEW' })],
      [`hubspot.${object}.deletion`, hubspotEvent(`${object}.deletion`, { changeFlag: 'DELETED' })],
      [`hubspot.${object}.propertyChange`, hubspotEvent(`${object}.propertyChange`, { propertyName: object === 'deal' ? 'dealstage' : 'lifecyclestage', propertyValue: object === 'deal' ? 'closedwon' : 'customer' })],
    ]),
  );

export const SAMPLE_PAYLOADS: Readonly<Record<string, unknown>> = {
  ...github('issues', ['opened', 'edited', 'closed', 'reopened', 'deleted'], { issue }),
  ...github('issues', ['labeled', 'unlabeled'], { issue, label }),
  ...github('issues', ['assigned', 'unassigned'], { issue, assignee: user }),
  ...github('issue_comment', ['created', 'edited', 'deleted'], { issue, comment }),
  ...github('pull_request', ['opened', 'edited', 'closed', 'reopened', 'ready_for_review', 'synchronize'], { number: 2, pull_request: pullRequest }),
  ...github('pull_request', ['labeled', 'unlabeled'], { number: 2, pull_request: pullRequest, label }),
  ...hubspot(['contact', 'company', 'deal', 'ticket']),
  'slack.message': slackEnvelope({ type: 'message', text: 'deploy is done <@U0LAN0Z89>', channel_type: 'channel' }),
  'slack.app_mention': slackEnvelope({ type: 'app_mention', text: '<@U0LAN0Z89> what is the status?' }),
};

/** The sample `trigger` of an event type, or undefined when there is none to check against. */
export function samplePayload(eventType: string): unknown {
  return Object.hasOwn(SAMPLE_PAYLOADS, eventType) ? SAMPLE_PAYLOADS[eventType] : undefined;
}
