import { describe, expect, it } from 'vitest';
import { createGithubEmulator, type GithubEmulator } from './index';
import { parseQuery } from './search';

const get = (github: GithubEmulator, token: string, path: string) => github.app.request(path, { headers: { authorization: `token ${token}` } });

async function search(github: GithubEmulator, token: string, q: string, extra = '') {
  const res = await get(github, token, `/search/issues?q=${encodeURIComponent(q)}${extra}`);
  const body = await res.json();
  return { res, body, titles: (body.items ?? []).map((i: { title: string }) => i.title) as string[] };
}

describe('GitHub issue search', () => {
  it('parses qualifiers, quoted values, negations and phrases', () => {
    const q = parseQuery('"jane@example.com" in:title,body repo:octocat/hello-world label:"help wanted" -label:bug is:open crash');
    expect(q.terms).toEqual(['jane@example.com', 'crash']);
    expect(Object.fromEntries(q.qualifiers)).toEqual({ in: ['title,body'], repo: ['octocat/hello-world'], label: ['help wanted'], is: ['open'] });
    expect(Object.fromEntries(q.negated)).toEqual({ label: ['bug'] });
  });

  it('filters by repo, is:issue/is:pr, is:open, label and free text', async () => {
    const github = createGithubEmulator();
    const token = github.issueToken();
    const all = await search(github, token, 'repo:octocat/hello-world');
    expect(all.res.status).toBe(200);
    expect(all.body).toMatchObject({ total_count: 4, incomplete_results: false });
    expect(all.body.items[0]).toMatchObject({ score: 1, repository_url: 'http://localhost/repos/octocat/hello-world' });
    expect((await search(github, token, 'repo:octocat/hello-world is:issue')).titles).not.toContain('Update README.md');
    expect((await search(github, token, 'repo:octocat/hello-world is:pr')).titles).toEqual(['Update README.md']);
    expect((await search(github, token, 'repo:octocat/hello-world is:issue is:open')).titles.sort()).toEqual(['Add a dark mode', 'Found a bug']);
    expect((await search(github, token, 'repo:octocat/hello-world is:closed')).titles).toEqual(['Typo in README']);
    expect((await search(github, token, 'label:bug')).titles).toEqual(['Found a bug']);
    expect((await search(github, token, 'label:"BUG",documentation')).titles.sort()).toEqual(['Found a bug', 'Typo in README']);
    expect((await search(github, token, '"jane@example.com" in:title,body')).titles).toEqual(['Add a dark mode']);
    expect((await search(github, token, 'bright in:body')).titles).toEqual(['Add a dark mode']);
    expect((await search(github, token, 'dark in:title')).titles).toEqual(['Add a dark mode']);
    expect((await search(github, token, 'bright in:title')).titles).toEqual([]);
    expect((await search(github, token, 'octocat@github.com')).titles).toEqual(['Sync HubSpot deal stage when an issue closes']);
    expect((await search(github, token, 'author:hubot assignee:octocat')).titles).toEqual([]);
    expect((await search(github, token, 'no:assignee is:open is:issue repo:octocat/hello-world')).titles).toEqual(['Found a bug']);
  });

  it('finds issues as soon as they are created, and pages with per_page', async () => {
    const github = createGithubEmulator();
    const token = github.issueToken();
    github.seedIssue({ title: 'Checkout crashes on Safari', labels: ['bug'] });
    expect((await search(github, token, 'crashes repo:octocat/hello-world is:issue')).titles).toEqual(['Checkout crashes on Safari']);
    const page = await search(github, token, 'repo:octocat/hello-world', '&per_page=2&page=3');
    expect(page.body.total_count).toBe(5);
    expect(page.body.items).toHaveLength(1);
  });

  it('searches only what the caller may see; a hidden repo: is a 422', async () => {
    const github = createGithubEmulator();
    const stranger = github.issueToken({ user: { login: 'stranger', id: 99 } });
    expect((await search(github, stranger, 'enhancement')).titles).toEqual([]);
    expect((await search(github, stranger, 'label:enhancement')).titles).toEqual(['Add a dark mode']);
    const hidden = await search(github, stranger, 'repo:octocat/weft-demo');
    expect(hidden.res.status).toBe(422);
    expect(hidden.body).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Search', field: 'q', code: 'invalid' }] });
    const missing = await get(github, stranger, '/search/issues');
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual([{ resource: 'Search', field: 'q', code: 'missing' }]);
  });

  it('has its own 30-a-minute budget that does not spend the core one', async () => {
    let now = 1_700_000_000_000;
    const github = createGithubEmulator({ now: () => now });
    const token = github.issueToken();
    for (let i = 0; i < 30; i++) {
      const { res } = await search(github, token, 'bug');
      expect(res.headers.get('x-ratelimit-resource')).toBe('search');
      expect(res.headers.get('x-ratelimit-limit')).toBe('30');
    }
    const refused = await search(github, token, 'bug');
    expect(refused.res.status).toBe(403);
    expect(refused.res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.res.headers.get('retry-after')).toBe('60');
    expect(refused.body.message).toMatch(/^API rate limit exceeded for user ID 583231\./);
    const user = await get(github, token, '/user');
    expect(user.headers.get('x-ratelimit-used')).toBe('1');
    now += 60_000;
    expect((await search(github, token, 'bug')).res.status).toBe(200);
  });
});

describe('GitHub repositories', () => {
  it('lists the user’s repositories for a picker, private ones only with the repo scope', async () => {
    const github = createGithubEmulator();
    const res = await get(github, github.issueToken(), '/user/repos?per_page=100&sort=updated');
    expect(res.status).toBe(200);
    const repos = await res.json();
    expect(repos.map((r: { full_name: string }) => r.full_name).sort()).toEqual(['octocat/hello-world', 'octocat/weft-demo']);
    expect(repos.find((r: { name: string }) => r.name === 'weft-demo')).toMatchObject({
      id: 1300192, private: true, visibility: 'private', html_url: 'http://localhost/octocat/weft-demo', owner: { login: 'octocat' }, permissions: { admin: true, push: true, pull: true },
    });
    const publicOnly = await (await get(github, github.issueToken({ scopes: ['public_repo'] }), '/user/repos')).json();
    expect(publicOnly.map((r: { full_name: string }) => r.full_name)).toEqual(['octocat/hello-world']);
    const hubot = await (await get(github, github.issueToken({ user: { login: 'hubot', id: 480938 } }), '/user/repos')).json();
    expect(hubot).toEqual([expect.objectContaining({ full_name: 'octocat/hello-world', permissions: expect.objectContaining({ admin: false, push: true }) })]);
  });

  it('pages with a Link header', async () => {
    const github = createGithubEmulator();
    const res = await get(github, github.issueToken(), '/user/repos?per_page=1');
    expect((await res.json()).map((r: { name: string }) => r.name)).toEqual(['hello-world']);
    expect(res.headers.get('link')).toBe('<http://localhost/user/repos?per_page=1&page=2>; rel="next", <http://localhost/user/repos?per_page=1&page=2>; rel="last"');
  });

  it('gets one repository, with open_issues_count; 404 for an unknown one', async () => {
    const github = createGithubEmulator();
    const token = github.issueToken();
    const repo = await (await get(github, token, '/repos/octocat/hello-world')).json();
    expect(repo).toMatchObject({ id: 1296269, full_name: 'octocat/hello-world', private: false, has_issues: true, open_issues_count: 3, default_branch: 'main' });
    const missing = await get(github, token, '/repos/octocat/nope');
    expect(await missing.json()).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });
  });
});

describe('GitHub data controls', () => {
  it('seeds and reads state over /_emulator/github', async () => {
    const github = createGithubEmulator();
    const repo = await github.app.request('/_emulator/github/repos', { method: 'POST', body: JSON.stringify({ name: 'no-issues', hasIssues: false }) });
    expect(repo.status).toBe(201);
    const seeded = await github.app.request('/_emulator/github/issues', {
      method: 'POST',
      body: JSON.stringify({ repo: 'octocat/weft-demo', title: 'Seeded', labels: ['bug'], assignees: ['monalisa'], state: 'closed', comments: ['first'] }),
    });
    expect(seeded.status).toBe(201);
    expect(await seeded.json()).toMatchObject({ repo: 'octocat/weft-demo', number: 2, state: 'closed', stateReason: 'completed', assignees: ['monalisa'], comments: 1 });
    const bad = await github.app.request('/_emulator/github/issues', { method: 'POST', body: JSON.stringify({ repo: 'octocat/nope', title: 'x' }) });
    expect(await bad.json()).toEqual({ error: 'no repository octocat/nope' });
    const state = await (await github.app.request('/_emulator/github/state')).json();
    expect(state.repos.map((r: { fullName: string }) => r.fullName)).toEqual(['octocat/hello-world', 'octocat/weft-demo', 'octocat/no-issues']);
    expect(state.issues).toHaveLength(6);
    expect(state.comments.map((c: { body: string }) => c.body)).toEqual(['Thanks for the report, looking into it.', 'first']);
    const token = github.issueToken();
    const gone = await github.app.request('/repos/octocat/no-issues/issues', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"title":"x"}' });
    expect(gone.status).toBe(410);
    expect(github.stats.requests.map((r) => r.path)).toEqual(['/repos/octocat/no-issues/issues']);
  });

  it('starts empty with seed: false, and failNext reaches the data paths', async () => {
    const github = createGithubEmulator({ seed: false });
    expect(github.snapshot()).toEqual({ repos: [], issues: [], comments: [] });
    github.seedRepo({ name: 'hello-world' });
    const token = github.issueToken();
    github.failNext('/repos/octocat/hello-world/issues', 502);
    const failed = await github.app.request('/repos/octocat/hello-world/issues', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"title":"x"}' });
    expect(failed.status).toBe(502);
    expect(github.listIssues()).toEqual([]);
  });
});
