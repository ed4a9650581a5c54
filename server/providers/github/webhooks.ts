import type { EventSummary } from '../../../shared/protocol/events';
import { WebhookPayloadError, type ProviderWebhooks } from '../../hooks/intake-types';
import { asObject, githubMentions, oneLine, safeUrl, str } from '../../hooks/summary-helpers';
import { verifyGithubSignature } from './webhook-verifier';

const logins = (users: unknown): string[] =>
  Array.isArray(users) ? users.map((u) => str(asObject(u).login)).filter((l): l is string => l !== null) : [];

/** A one-line, human summary of the GitHub events Weft cares about; a plain fallback for the rest. */
export function summarizeGithub(event: string, p: Record<string, any>): EventSummary {
  const repo = str(asObject(p.repository).full_name) ?? '';
  const actor = str(asObject(p.sender).login);
  const issue = asObject(p.issue ?? p.pull_request);
  const number = typeof issue.number === 'number' ? issue.number : null;
  const kind = p.pull_request ? 'pull request' : 'issue';
  const base = { actor, assignees: [] as string[], mentions: [] as string[], subject: null as string | null };
  if (number !== null && (event === 'issues' || event === 'pull_request' || event === 'issue_comment')) {
    const assignees = [...new Set([...logins(issue.assignees), ...logins([issue.assignee])])];
    const subject = `github:${kind === 'issue' ? 'issue' : 'pull'}:${repo}#${number}`;
    const title = `#${number} ${oneLine(issue.title, 120)}`;
    if (event === 'issue_comment') {
      const comment = asObject(p.comment);
      return { ...base, title: `${actor ?? 'Someone'} commented on ${repo} ${title}`, url: safeUrl(comment.html_url ?? issue.html_url), assignees, mentions: githubMentions(comment.body), subject };
    }
    const action = str(p.action) ?? 'updated';
    // "assigned" names the new assignee in p.assignee; keep them even if the list lags.
    if (action === 'assigned') assignees.push(...logins([p.assignee]));
    return { ...base, title: `${kind === 'issue' ? 'Issue' : 'Pull request'} ${action.replace(/_/g, ' ')} in ${repo}: ${title}`, url: safeUrl(issue.html_url), assignees: [...new Set(assignees)], mentions: githubMentions(issue.body), subject };
  }
  return { ...base, title: `GitHub ${event}${str(p.action) ? ` ${str(p.action)}` : ''}${repo ? ` in ${repo}` : ''}`, url: safeUrl(asObject(p.repository).html_url) };
}

/**
 * GitHub webhooks: `X-Hub-Signature-256` over the raw body, the event in `X-GitHub-Event`,
 * dedupe on `X-GitHub-Delivery` (identical on redelivery). Routed by installation id for
 * GitHub App installations, else by the repository owner's, organisation's or sender's
 * login matching a connected account.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads
 */
export const githubWebhooks: ProviderWebhooks = {
  provider: 'github',
  secretEnv: 'WEFT_GITHUB_WEBHOOK_SECRET',
  secret: (config) => config.webhookSecrets.github,
  verify: ({ secret, rawBody, header }) => verifyGithubSignature({ secret, rawBody, signatureHeader: header('x-hub-signature-256') }),
  parse(body, header) {
    const event = header('x-github-event');
    const delivery = header('x-github-delivery');
    if (!event) throw new WebhookPayloadError('X-GitHub-Event is missing.');
    if (!delivery) throw new WebhookPayloadError('X-GitHub-Delivery is missing; it is the delivery id GitHub always sends.');
    const p = asObject(body);
    if (event === 'ping') return { eventType: 'ping', items: [], reply: { ok: true, zen: str(p.zen) } };
    const action = str(p.action);
    const installation = str(asObject(p.installation).id);
    return {
      eventType: action ? `${event}.${action}` : event,
      items: [
        {
          key: delivery,
          type: `github.${event}${action ? `.${action}` : ''}`,
          summary: summarizeGithub(event, p),
          payload: body,
          payloadIsBody: true,
          route: {
            accountIds: installation ? [`installation:${installation}`] : [],
            accountLabels: [asObject(asObject(p.repository).owner).login, asObject(p.organization).login, asObject(p.sender).login]
              .map(str)
              .filter((l): l is string => l !== null),
          },
        },
      ],
    };
  },
};
