import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { samplePayload, SAMPLE_PAYLOADS } from './sample-payloads';

// GitHub's documented webhook examples, the same ones the webhook tests send.
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as {
  name: string;
  examples: Record<string, unknown>[];
}[];
const example = (event: string, action: string) => examples.find((w) => w.name === event)?.examples.find((e) => e.action === action);
/** GitHub's example for each GitHub sample that has one. */
const githubPairs = Object.keys(SAMPLE_PAYLOADS)
  .filter((type) => type.startsWith('github.'))
  .map((type) => ({ type, example: example(type.split('.')[1]!, type.split('.')[2]!) }))
  .filter((p): p is { type: string; example: Record<string, unknown> } => p.example !== undefined);

/** The fields the samples leave out on purpose: API URLs and GraphQL ids. */
const leftOut = (key: string) => (key.endsWith('_url') && key !== 'html_url') || ['url', 'node_id', 'gravatar_id', '_links', 'reactions', 'performed_via_github_app', 'user_view_type'].includes(key);

/** Every field path of a payload, list items as `[]`: `issue.labels[].name`. */
function paths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? paths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (leftOut(key) ? [] : [`${prefix}${prefix ? '.' : ''}${key}`, ...paths(v, `${prefix}${prefix ? '.' : ''}${key}`)]));
}

/** `a.b[].c` → `b[].c`: a field by its parent, to compare objects found at different places (a pull request's `repo` is a repository). */
const lastTwo = (path: string) => path.split('.').slice(-2).join('.').replace(/^repo\./, 'repository.');

describe('sample payloads', () => {
  it('has GitHub’s examples for the main events', () => {
    expect(githubPairs.map((p) => p.type)).toEqual(expect.arrayContaining(['github.issues.opened', 'github.issue_comment.created', 'github.pull_request.opened', 'github.issues.labeled']));
  });

  it('has every field of GitHub’s example of each event (so no real field is refused at publish)', () => {
    const missing = githubPairs.flatMap(({ type, example }) => {
      const ours = new Set(paths(samplePayload(type)));
      return paths(example).filter((p) => !ours.has(p)).map((p) => `${type}: ${p}`);
    });
    expect(missing).toEqual([]);
  });

  it('holds only fields GitHub’s examples have (nothing invented)', () => {
    const known = new Set(githubPairs.flatMap((p) => paths(p.example).map(lastTwo)));
    const invented = Object.entries(SAMPLE_PAYLOADS)
      .filter(([type]) => type.startsWith('github.'))
      .flatMap(([type, payload]) => paths(payload).filter((p) => !known.has(lastTwo(p))).map((p) => `${type}: ${p}`));
    expect(invented).toEqual([]);
  });

  it('has the event types the issue names, shaped as their providers send them', () => {
    expect(samplePayload('github.issues.opened')).toMatchObject({ action: 'opened', issue: { title: expect.any(String), labels: [{ name: 'bug' }] }, repository: { full_name: 'Codertocat/Hello-World' } });
    expect(samplePayload('github.issue_comment.created')).toMatchObject({ comment: { body: expect.any(String) }, issue: { number: 1 } });
    expect(samplePayload('github.pull_request.opened')).toMatchObject({ number: 2, pull_request: { head: { ref: 'changes' } } });
    expect(samplePayload('hubspot.deal.propertyChange')).toMatchObject({ subscriptionType: 'deal.propertyChange', propertyName: 'dealstage', propertyValue: 'closedwon', objectId: 1246965, portalId: 62515 });
    expect(samplePayload('slack.message')).toMatchObject({ type: 'event_callback', event: { type: 'message', text: expect.any(String), channel: expect.stringMatching(/^C/) } });
    expect(samplePayload('constructor')).toBeUndefined();
    expect(samplePayload('github.push')).toBeUndefined();
  });
});
