import { randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples' with { type: 'json' };
import { githubHeaders } from '../support/webhook-signing';
import { demoDataDir, readDemoSettings } from './demo-settings';

/**
 * `npm run demo:webhook [event.action]`: sends the running demo server a GitHub webhook
 * signed with the demo's secret, as GitHub would. The payload is GitHub's own example
 * (from @octokit/webhooks-examples; `issues.opened` unless named) moved to the demo's
 * account, octocat/hello-world, so Weft routes it to everyone connected to GitHub as
 * octocat: it appears in their popup's Activity and as a notification.
 *
 * @example npm run demo:webhook                          # issues.opened
 * @example npm run demo:webhook -- issue_comment.created
 */
const dataDir = demoDataDir(process.env);
const settings = readDemoSettings(dataDir);
if (!settings) fail(`No demo settings in ${dataDir}/demo.json. Start the demo first: npm run demo`);

const [event = 'issues', action = event === 'issues' ? 'opened' : undefined] = (process.argv[2] ?? 'issues.opened').split('.');
const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((g) => g.name === event);
const example = group?.examples.find((e) => action === undefined || e.action === action);
if (!example) fail(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example. Try issues.opened, issue_comment.created or pull_request.opened.`);

const payload = asDemoAccount(example, settings.githubLogin);
const body = JSON.stringify(payload);
const delivery = randomUUID();
const url = `${settings.serverUrl}/hooks/github`;
const res = await fetch(url, {
  method: 'POST',
  headers: { ...githubHeaders(body, event, delivery, settings.secrets.WEFT_GITHUB_WEBHOOK_SECRET), 'user-agent': 'GitHub-Hookshot/weft-demo' },
  body,
}).catch((error: Error) => fail(`Nothing answered at ${url} (${error.message}). Is \`npm run demo\` running?`));
const reply = (await res.json().catch(() => ({}))) as { events?: number; error?: { message?: string } };
if (!res.ok) fail(`The demo server refused the webhook: ${res.status} ${reply.error?.message ?? ''}`);

console.log(`Sent GitHub "${event}${action ? `.${action}` : ''}" (delivery ${delivery}) to ${url}: ${res.status}.`);
console.log(
  reply.events
    ? `It is in the event log of ${reply.events} Weft workspace(s) connected to GitHub as ${settings.githubLogin}: see Activity in the Weft popup.`
    : `Weft accepted it, but no Weft user is connected to GitHub as ${settings.githubLogin} yet, so no one's Activity shows it. Connect GitHub in the Weft popup and send it again.`,
);

/** GitHub's example happens in Codertocat/Hello-World; the demo's account is `login`, repository hello-world. */
function asDemoAccount(example: Record<string, unknown>, login: string): Record<string, unknown> {
  const moved = JSON.parse(
    JSON.stringify(example).replaceAll('Codertocat', login).replaceAll('Hello-World', 'hello-world'),
  ) as Record<string, any>;
  const subject = moved.issue ?? moved.pull_request;
  if (subject && typeof subject.title === 'string') subject.title = `${subject.title} (test event, ${new Date().toLocaleTimeString()})`;
  return moved;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
