import type { GithubData, GithubUserRef } from './data';

/** Other accounts the demo data names: GitHub's own bot and mascot accounts. */
export const HUBOT: GithubUserRef = { login: 'hubot', id: 480938 };
export const MONALISA: GithubUserRef = { login: 'monalisa', id: 2 };

/**
 * The demo data: the signed-in user (octocat unless overridden) owns
 * - `<login>/hello-world` (public, id 1296269, hubot collaborates):
 *   #1 "Found a bug" (open, bug, by monalisa, 1 comment), #2 "Add a dark mode" (open,
 *   enhancement, assigned to the owner, mentions jane@example.com), #3 "Typo in README"
 *   (closed as completed, documentation, by hubot), #4 "Update README.md" (an open pull request);
 * - `<login>/weft-demo` (private, id 1300192): #1 "Sync HubSpot deal stage when an issue
 *   closes" (open, enhancement, mentions octocat@github.com).
 */
export function seedGithubData(data: GithubData, owner: GithubUserRef): void {
  data.addUser(HUBOT);
  data.addUser(MONALISA);
  const hello = data.addRepo({ owner, name: 'hello-world', id: 1296269, description: 'My first repository on GitHub!', collaborators: [HUBOT] });
  const bug = data.addIssue(hello, { title: 'Found a bug', body: "I'm having a problem with this.", user: MONALISA, labels: ['bug'] });
  data.addComment(bug, 'Thanks for the report, looking into it.', owner);
  data.addIssue(hello, {
    title: 'Add a dark mode',
    body: 'Customer request from Example Corp (jane@example.com): the dashboard is too bright at night.',
    user: owner,
    labels: ['enhancement'],
    assignees: [owner],
  });
  const typo = data.addIssue(hello, { title: 'Typo in README', body: '"Hello Wrold" should be "Hello World".', user: HUBOT, labels: ['documentation'] });
  data.setState(typo, 'closed', 'completed', owner);
  data.addIssue(hello, { title: 'Update README.md', body: 'Fixes the typo reported in #3.', user: HUBOT, pullRequest: true });

  const demo = data.addRepo({ owner, name: 'weft-demo', id: 1300192, description: 'Where Weft meets the CRM.', private: true, language: 'TypeScript' });
  data.addIssue(demo, {
    title: 'Sync HubSpot deal stage when an issue closes',
    body: 'Requested by octocat@github.com for the GitHub Enterprise renewal.',
    user: owner,
    labels: ['enhancement'],
  });
}
