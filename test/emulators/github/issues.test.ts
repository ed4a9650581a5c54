import { describe, expect, it } from 'vitest';
import { createGithubEmulator, type GithubEmulator } from './index';

const REPO = '/repos/octocat/hello-world';

function api(github: GithubEmulator, token: string) {
  return (method: string, path: string, body?: unknown) =>
    github.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
}

function setup(options: Parameters<typeof createGithubEmulator>[0] = {}) {
  const github = createGithubEmulator(options);
  return { github, call: api(github, github.issueToken()) };
}

describe('GitHub issues', () => {
  it('creates an issue (201, REST shape, Location) that the state shows', async () => {
    const { github, call } = setup();
    const res = await call('POST', `${REPO}/issues`, { title: 'Login fails', body: 'Steps…', labels: ['bug', 'customer'], assignees: ['hubot'] });
    expect(res.status).toBe(201);
    const issue = await res.json();
    const origin = 'http://localhost';
    expect(issue).toMatchObject({
      number: 5,
      title: 'Login fails',
      body: 'Steps…',
      state: 'open',
      state_reason: null,
      html_url: `${origin}/octocat/hello-world/issues/5`,
      url: `${origin}/repos/octocat/hello-world/issues/5`,
      repository_url: `${origin}/repos/octocat/hello-world`,
      user: { login: 'octocat', id: 583231 },
      labels: [{ name: 'bug', color: 'd73a4a' }, { name: 'customer', color: 'ededed', default: false }],
      assignee: { login: 'hubot' },
      assignees: [{ login: 'hubot' }],
      comments: 0,
      closed_at: null,
      author_association: 'OWNER',
    });
    expect(issue.id).toEqual(expect.any(Number));
    expect(issue.node_id).toMatch(/^I_/);
    expect(issue).not.toHaveProperty('pull_request');
    expect(res.headers.get('location')).toBe(issue.url);
    expect(github.listIssues('octocat/hello-world').at(-1)).toMatchObject({ number: 5, title: 'Login fails', labels: ['bug', 'customer'], assignees: ['hubot'], author: 'octocat' });
    expect(github.stats.apiCalls).toBe(1);
    expect(github.stats.requests).toEqual([{ method: 'POST', path: `${REPO}/issues`, status: 201 }]);
  });

  it('answers a missing title with "Invalid request" and a blank one with Validation Failed', async () => {
    const { call } = setup();
    const absent = await call('POST', `${REPO}/issues`, { body: 'no title' });
    expect(absent.status).toBe(422);
    expect(await absent.json()).toEqual({
      message: 'Invalid request.\n\n"title" wasn\'t supplied.',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '422',
    });
    const blank = await call('POST', `${REPO}/issues`, { title: '  ' });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '422',
    });
    const notCollaborator = await call('POST', `${REPO}/issues`, { title: 'x', assignees: ['torvalds'] });
    expect((await notCollaborator.json()).errors).toEqual([{ resource: 'Issue', code: 'invalid', field: 'assignees', value: 'torvalds' }]);
    expect((await call('POST', `${REPO}/issues`, '{"title": ')).status).toBe(400);
  });

  it('hides unknown and unreachable repositories behind 404, and 401s like /user', async () => {
    const github = createGithubEmulator();
    const call = api(github, github.issueToken());
    const unknown = await call('POST', '/repos/octocat/nope/issues', { title: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '404' });
    // Another user cannot see octocat's private repository; a token without `repo` cannot either.
    expect((await api(github, github.issueToken({ user: { login: 'stranger', id: 99 } }))('GET', '/repos/octocat/weft-demo/issues/1')).status).toBe(404);
    expect((await api(github, github.issueToken({ scopes: ['read:user'] }))('GET', '/repos/octocat/weft-demo/issues/1')).status).toBe(404);
    expect((await api(github, github.issueToken({ scopes: ['public_repo'] }))('GET', '/repos/octocat/hello-world/issues/1')).status).toBe(200);
    const anonymous = await github.app.request(`${REPO}/issues/1`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).message).toBe('Requires authentication');
    const bad = await api(github, 'ghp_nope')('GET', `${REPO}/issues/1`);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials', status: '401' });
    expect(github.stats.authFailures).toBe(2);
  });

  it('gets issues and pull requests by number, case-insensitively by repository', async () => {
    const { call } = setup();
    const bug = await (await call('GET', '/repos/Octocat/Hello-World/issues/1')).json();
    expect(bug).toMatchObject({ number: 1, title: 'Found a bug', user: { login: 'monalisa' }, labels: [{ name: 'bug' }], comments: 1, author_association: 'NONE' });
    const pr = await (await call('GET', `${REPO}/issues/4`)).json();
    expect(pr.pull_request).toMatchObject({ html_url: 'http://localhost/octocat/hello-world/pull/4', merged_at: null });
    expect((await call('GET', `${REPO}/issues/99`)).status).toBe(404);
  });

  it('updates title, state with state_reason, labels and assignees', async () => {
    const { github, call } = setup();
    const closed = await (await call('PATCH', `${REPO}/issues/1`, { state: 'closed', state_reason: 'not_planned', labels: ['wontfix'] })).json();
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'not_planned', labels: [{ name: 'wontfix' }], closed_by: { login: 'octocat' } });
    expect(closed.closed_at).toEqual(expect.any(String));
    const reopened = await (await call('PATCH', `${REPO}/issues/1`, { state: 'open', title: 'Found a bug (again)', assignees: ['octocat', 'hubot'] })).json();
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, title: 'Found a bug (again)', assignees: [{ login: 'octocat' }, { login: 'hubot' }] });
    const plain = await (await call('PATCH', `${REPO}/issues/2`, { state: 'closed' })).json();
    expect(plain.state_reason).toBe('completed');
    const invalid = await call('PATCH', `${REPO}/issues/2`, { state: 'done' });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors).toEqual([{ resource: 'Issue', code: 'invalid', field: 'state', value: 'done' }]);
    expect(github.getIssue('octocat/hello-world', 1)).toMatchObject({ state: 'open', stateReason: 'reopened', labels: ['wontfix'] });
  });

  it('lets an author without push access edit their own issue but not others', async () => {
    const github = createGithubEmulator();
    const stranger = api(github, github.issueToken({ user: { login: 'stranger', id: 99 } }));
    const mine = await (await stranger('POST', `${REPO}/issues`, { title: 'Mine', labels: ['bug'] })).json();
    expect(mine.labels).toEqual([]); // dropped without push access
    expect((await stranger('PATCH', `${REPO}/issues/${mine.number}`, { state: 'closed' })).status).toBe(200);
    expect((await stranger('PATCH', `${REPO}/issues/1`, { state: 'closed' })).status).toBe(403);
  });

  it('comments (201) and counts them on the issue', async () => {
    const { github, call } = setup();
    const res = await call('POST', `${REPO}/issues/2/comments`, { body: 'Linked to HubSpot deal 30001' });
    expect(res.status).toBe(201);
    const comment = await res.json();
    expect(comment).toMatchObject({
      body: 'Linked to HubSpot deal 30001',
      user: { login: 'octocat' },
      issue_url: 'http://localhost/repos/octocat/hello-world/issues/2',
      html_url: expect.stringMatching(/^http:\/\/localhost\/octocat\/hello-world\/issues\/2#issuecomment-\d+$/),
    });
    expect((await (await call('GET', `${REPO}/issues/2`)).json()).comments).toBe(1);
    expect(github.listComments('octocat/hello-world', 2)).toEqual([expect.objectContaining({ id: comment.id, body: 'Linked to HubSpot deal 30001', author: 'octocat' })]);
    expect((await call('POST', `${REPO}/issues/2/comments`, {})).status).toBe(422);
  });
});

describe('GitHub labels and assignees', () => {
  it('adds labels (200, the full list), removes one, and 404s a label the issue lacks', async () => {
    const { call } = setup();
    const added = await call('POST', `${REPO}/issues/2/labels`, { labels: ['customer', 'Enhancement'] });
    expect(added.status).toBe(200);
    expect((await added.json()).map((l: { name: string }) => l.name)).toEqual(['enhancement', 'customer']);
    expect((await (await call('POST', `${REPO}/issues/2/labels`, ['good first issue'])).json())).toHaveLength(3);
    const removed = await call('DELETE', `${REPO}/issues/2/labels/${encodeURIComponent('good first issue')}`);
    expect(removed.status).toBe(200);
    expect((await removed.json()).map((l: { name: string }) => l.name)).toEqual(['enhancement', 'customer']);
    const missing = await call('DELETE', `${REPO}/issues/2/labels/bug`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Label does not exist', documentation_url: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue', status: '404' });
  });

  it('adds assignees (201, non-collaborators skipped) and removes them (200)', async () => {
    const { call } = setup();
    const added = await call('POST', `${REPO}/issues/1/assignees`, { assignees: ['hubot', 'torvalds'] });
    expect(added.status).toBe(201);
    expect((await added.json()).assignees.map((a: { login: string }) => a.login)).toEqual(['hubot']);
    const removed = await call('DELETE', `${REPO}/issues/1/assignees`, { assignees: ['hubot'] });
    expect(removed.status).toBe(200);
    expect((await removed.json()).assignees).toEqual([]);
  });
});

describe('GitHub content-creation secondary limit', () => {
  it('refuses the next new issue or comment with 403, retry-after and the secondary-limit message, then recovers', async () => {
    let now = 1_700_000_000_000;
    const { github, call } = setup({ secondaryRateLimit: { perMinute: 2 }, now: () => now });
    expect((await call('POST', `${REPO}/issues`, { title: 'one' })).status).toBe(201);
    now += 30_000;
    expect((await call('POST', `${REPO}/issues/1/comments`, { body: 'two' })).status).toBe(201);
    expect((await call('PATCH', `${REPO}/issues/1`, { title: 'edits are not content creation' })).status).toBe(200);
    const refused = await call('POST', `${REPO}/issues`, { title: 'three' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('retry-after')).toBe('30');
    const body = await refused.json();
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit and have been temporarily blocked from content creation\./);
    expect(body.message).toContain(refused.headers.get('x-github-request-id'));
    expect(body.documentation_url).toBe('https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits');
    expect(github.listIssues('octocat/hello-world').map((i) => i.title)).not.toContain('three');
    expect(github.stats.rateLimited).toBe(1);
    now += 30_001;
    expect((await call('POST', `${REPO}/issues`, { title: 'three' })).status).toBe(201);
  });

  it('defaults to 80 a minute', async () => {
    const { call } = setup();
    for (let i = 0; i < 80; i++) expect((await call('POST', `${REPO}/issues/1/comments`, { body: `c${i}` })).status).toBe(201);
    expect((await call('POST', `${REPO}/issues/1/comments`, { body: 'c80' })).status).toBe(403);
  });
});
