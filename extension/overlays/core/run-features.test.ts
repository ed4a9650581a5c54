// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineFeature, type FeatureRun } from './feature';
import { instanceLifetime } from './lifetime';
import { runFeatures } from './run-features';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 10 });
let page: AbortController;

function start(onIssue: (run: FeatureRun) => void, onRepo: (run: FeatureRun) => void = () => undefined) {
  page = new AbortController();
  const issue = defineFeature({ id: 'issue', include: [(u) => /\/issues\/\d+$/.test(u.pathname)], init: onIssue });
  const repo = defineFeature({ id: 'repo', include: [(u) => u.pathname.split('/').filter(Boolean).length === 2], init: onRepo });
  runFeatures([issue, repo], { events: ['turbo:render', 'soft-nav:end'], signal: page.signal });
}

afterEach(() => {
  page.abort();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('runFeatures', () => {
  it('runs the features matching the page, and after an in-app navigation aborts them and runs the new page’s', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const issueRuns: FeatureRun[] = [];
    const repoRuns: FeatureRun[] = [];
    start((r) => void issueRuns.push(r), (r) => void repoRuns.push(r));
    await waitFor(() => expect(issueRuns).toHaveLength(1));
    expect(repoRuns).toHaveLength(0);

    history.pushState({}, '', '/octocat/hello-world');
    document.dispatchEvent(new Event('turbo:render'));
    await waitFor(() => expect(repoRuns).toHaveLength(1));
    expect(issueRuns[0]!.signal.aborted).toBe(true);
    expect(repoRuns[0]!.signal.aborted).toBe(false);
  });

  it('a navigation that fires no event is found by polling the URL; several signals run it once', async () => {
    // Fake timers: "no third run" is then a fact about every poll and debounce in the next
    // seconds, not a guess after a real wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    history.replaceState({}, '', '/octocat/hello-world');
    const issueRuns: FeatureRun[] = [];
    start((r) => void issueRuns.push(r));
    history.pushState({}, '', '/octocat/hello-world/issues/7');
    // The 300 ms poll sees the new URL, then the 30 ms debounce runs the page.
    await vi.advanceTimersByTimeAsync(330);
    expect(issueRuns).toHaveLength(1);
    document.dispatchEvent(new Event('turbo:render'));
    document.dispatchEvent(new Event('soft-nav:end'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(issueRuns).toHaveLength(2);
    expect(issueRuns.filter((r) => !r.signal.aborted)).toHaveLength(1);
  });

  it('the Navigation API’s navigatesuccess runs the page again, even for the same URL (the content was re-rendered)', async () => {
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const runs: FeatureRun[] = [];
    start((r) => void runs.push(r));
    await waitFor(() => expect(runs).toHaveLength(1));
    navigation.dispatchEvent(new Event('navigatesuccess'));
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(runs[0]!.signal.aborted).toBe(true);
  });

  it('a failing feature is logged and does not stop the others', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const runs: string[] = [];
    page = new AbortController();
    runFeatures(
      [
        defineFeature({ id: 'broken', include: [() => true], init: () => { throw new Error('boom'); } }),
        defineFeature({ id: 'fine', include: [() => true], init: () => void runs.push('fine') }),
      ],
      { events: [], signal: page.signal },
    );
    await waitFor(() => expect(runs).toEqual(['fine']));
    await waitFor(() => expect(warn).toHaveBeenCalledWith('[weft] broken', expect.any(Error)));
  });

  it('stops everything when the content script is invalidated', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const runs: FeatureRun[] = [];
    start((r) => void runs.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    // A navigation already seen (debounce pending) when the script is invalidated.
    document.dispatchEvent(new Event('turbo:render'));
    page.abort();
    expect(runs[0]!.signal.aborted).toBe(true);
    history.pushState({}, '', '/octocat/hello-world/issues/3');
    document.dispatchEvent(new Event('turbo:render'));
    // Every poll and debounce of the next 5 seconds has fired: none ran the page again.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('instanceLifetime', () => {
  it('ends only when a newer instance of the same script starts, never on the page’s WXT "content-script-started" event', () => {
    const first = instanceLifetime('github');
    const other = instanceLifetime('hubspot');
    // What WXT's ContentScriptContext listens for (on document and window), as a page script would send it.
    for (const name of ['github', 'github.content']) {
      document.dispatchEvent(new CustomEvent(`abcdefghijklmnop:${name}:wxt:content-script-started`, { detail: { contentScriptName: name, messageId: 'page' } }));
      window.postMessage({ type: `abcdefghijklmnop:${name}:wxt:content-script-started`, contentScriptName: name, messageId: 'page' }, '*');
    }
    expect(first.aborted).toBe(false);
    const second = instanceLifetime('github');
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    expect(other.aborted).toBe(false);
  });
});
