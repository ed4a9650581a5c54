// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, expect, it, vi } from 'vitest';
import { ChoiceSelect } from './ChoiceSelect';

const repos = [
  { id: 'octocat/hello-world', label: 'octocat/hello-world' },
  { id: 'octocat/weft-demo', label: 'octocat/weft-demo' },
];
vi.mock('../background', () => ({
  background: { choices: async () => ({ data: repos, fetchedAt: new Date().toISOString(), error: null }) },
}));

let picked: string[] = [];
function Form() {
  const [repo, setRepo] = useState('');
  picked.push(repo);
  return <ChoiceSelect kind="github_repos" label="Repository" testid="repo" value={repo} onChange={setRepo} />;
}

afterEach(() => {
  vi.useRealTimers();
  render(null, document.body);
  picked = [];
});

it('a choice made as soon as the options show is kept: the first-choice default never overrides it', async () => {
  const select = () => document.body.querySelector<HTMLSelectElement>('[data-testid="repo"]')!;
  // The person (or a fast script of theirs) picks the second repository in the very
  // microtask the options appear, before anything else the page scheduled can run.
  let done = false;
  const chosen = new Promise<void>((resolve) => {
    const seen = new MutationObserver(() => {
      if (select()?.options.length !== repos.length) return;
      seen.disconnect();
      select().value = 'octocat/weft-demo';
      select().dispatchEvent(new Event('change', { bubbles: true }));
      done = true;
      resolve();
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  // Fake frames and timers: "nothing overrode it" is then a fact about every effect Preact
  // scheduled after paint, not a guess after a real wait.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  render(<Form />, document.body);
  // Frame by frame until the options show (the list is asked for in an after-paint effect).
  for (let frame = 0; !done && frame < 100; frame++) await vi.advanceTimersByTimeAsync(16);
  await chosen;
  await vi.runAllTimersAsync();
  expect(picked.at(-1)).toBe('octocat/weft-demo');
  expect(select().value).toBe('octocat/weft-demo');
});

it('with no choice made, the first option is picked so the form is ready to send', async () => {
  render(<Form />, document.body);
  await vi.waitFor(() => expect(picked.at(-1)).toBe('octocat/hello-world'), { timeout: 1_000 });
});
