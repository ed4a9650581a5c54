import { expect } from 'vitest';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders } from '../support/webhook-signing';
import type { Stack } from './harness';

/**
 * A signed GitHub `issues.opened` for octocat/hello-world, as GitHub sends it (its own example
 * payload, signed with the stack's webhook secret); Weft must accept it (202).
 */
export async function postIssueOpened(
  stack: Stack,
  issue: { number: number; title: string; sender?: string; assignees?: string[]; labels?: string[] },
): Promise<void> {
  const payload = githubExample('issues', 'opened');
  payload.repository.owner.login = 'octocat';
  payload.repository.full_name = 'octocat/hello-world';
  payload.issue.number = issue.number;
  payload.issue.title = issue.title;
  payload.issue.html_url = `https://github.com/octocat/hello-world/issues/${issue.number}`;
  if (issue.sender) payload.sender.login = issue.sender;
  if (issue.assignees) payload.issue.assignees = issue.assignees.map((login) => ({ login }));
  if (issue.labels) payload.issue.labels = issue.labels.map((name, i) => ({ id: 1000 + i, name, color: 'd73a4a', default: false, description: null }));
  const body = JSON.stringify(payload);
  const res = await fetch(`${stack.weft.url}/hooks/github`, { method: 'POST', body, headers: githubHeaders(body, 'issues') });
  expect(res.status).toBe(202);
}
