import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { actionsTestApp, type ActionsTestApp } from '../testing/actions-setup';

let t: ActionsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** GitHub as if its API had renamed `html_url`: every issue it answers with has `web_url` instead. */
const renamingHtmlUrl = (emulated: typeof fetch): typeof fetch => async (input, init) => {
  const res = await emulated(input, init);
  const url = new Request(input, init).url;
  if (!url.startsWith('http://github.test/repos/') || !res.ok) return res;
  const body = (await res.text()).replaceAll('"html_url"', '"web_url"');
  return new Response(body, { status: res.status, headers: res.headers });
};

forEachEngine('a provider answer outside the action’s output schema', (engine) => {
  it('a read: the user gets a clear 502, nothing of the answer, and the log names the field', async () => {
    const s = (t = await actionsTestApp({ wrapFetch: renamingHtmlUrl, engine }));
    const res = await s.act('github', 'get_issue', { repo: 'octocat/hello-world', number: 2 });
    expect(res.status).toBe(502);
    expect(res.json.error).toEqual({
      code: 'provider_bad_answer',
      message: 'GitHub answered “Get issue” in a way Weft does not understand, so nothing of it is shown. Try again later; if it keeps happening, GitHub’s API may have changed.',
    });
    expect(res.text).not.toContain('Add a dark mode');
    expect(s.logLines.find((l) => l.includes('outside its output schema'))).toMatch(/"provider":"github".*"action":"get_issue".*url/);
  });

  it('a write: the provider acted once; the same key answers the same error and never acts again', async () => {
    const s = (t = await actionsTestApp({ wrapFetch: renamingHtmlUrl, engine }));
    const input = { repo: 'octocat/hello-world', title: 'Renamed field' };
    const first = await s.act('github', 'create_issue', input, 'key-renamed-1');
    expect(first.status).toBe(502);
    expect(first.json.error.message).toBe('GitHub answered “Create issue” in a way Weft does not understand. It has probably been done: check GitHub before trying again.');
    const again = await s.act('github', 'create_issue', input, 'key-renamed-1');
    expect(again.status).toBe(502);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(s.github.listIssues('octocat/hello-world').filter((i: { title: string }) => i.title === 'Renamed field')).toHaveLength(1);
  });
});
