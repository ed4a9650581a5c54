// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineFeature, type FeatureRun } from './feature';
import { guardContext, instanceLifetime } from './lifetime';

// Loaded anew per test: `invalidated.ts` remembers a lost extension for the page's life.
let runFeatures: typeof import('./run-features').runFeatures;
let contextLost: typeof import('./invalidated').contextLost;
let ctx: ContentScriptContext;

const issue = (init: (run: FeatureRun) => void) => defineFeature({ id: 'issue', include: [(u) => /\/issues\/\d+$/.test(u.pathname)], init });
const repo = (init: (run: FeatureRun) => void) => defineFeature({ id: 'repo', include: [(u) => u.pathname.split('/').filter(Boolean).length === 2], init });

function start(onIssue: (run: FeatureRun) => void, onRepo: (run: FeatureRun) => void = () => undefined) {
  ctx = guardContext(new ContentScriptContext('github'), 'github');
  runFeatures([issue(onIssue), repo(onRepo)], { events: ['turbo:render', 'soft-nav:end'], ctx });
}

/** The extension as the content script sees it: present, or gone (updated or reloaded under the page). */
function extension(present: boolean) {
  vi.stubGlobal('chrome', { runtime: present ? { id: fakeBrowser.runtime.id } : {} });
}

beforeEach(async () => {
  vi.resetModules();
  ({ runFeatures } = await import('./run-features'));
  ({ contextLost } = await import('./invalidated'));
  extension(true);
  // Fake timers: "nothing ran again" is then a fact about every poll and debounce of the
  // next seconds, not a guess after a real wait. (happy-dom has no Navigation API: WXT's
  // location watcher polls the URL every second.)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('runFeatures', () => {
  it('runs the features matching the page, and after an in-app navigation aborts them and runs the new page’s', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const issueRuns: FeatureRun[] = [];
    const repoRuns: FeatureRun[] = [];
    start((r) => void issueRuns.push(r), (r) => void repoRuns.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(issueRuns).toHaveLength(1);
    expect(repoRuns).toHaveLength(0);

    history.pushState({}, '', '/octocat/hello-world');
    document.dispatchEvent(new Event('turbo:render'));
    await vi.advanceTimersByTimeAsync(30);
    expect(repoRuns).toHaveLength(1);
    expect(issueRuns[0]!.signal.aborted).toBe(true);
    expect(repoRuns[0]!.signal.aborted).toBe(false);
  });

  it('a navigation that fires no event is found by WXT’s location watcher; several signals run it once', async () => {
    history.replaceState({}, '', '/octocat/hello-world');
    const issueRuns: FeatureRun[] = [];
    start((r) => void issueRuns.push(r));
    history.pushState({}, '', '/octocat/hello-world/issues/7');
    // The watcher's 1 s poll sees the new URL, then the 30 ms debounce runs the page.
    await vi.advanceTimersByTimeAsync(1_030);
    expect(issueRuns).toHaveLength(1);
    document.dispatchEvent(new Event('turbo:render'));
    document.dispatchEvent(new Event('soft-nav:end'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(issueRuns).toHaveLength(2);
    expect(issueRuns.filter((r) => !r.signal.aborted)).toHaveLength(1);
  });

  it('a site’s render event runs the page again even for the same URL (the content was re-rendered)', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const runs: FeatureRun[] = [];
    start((r) => void runs.push(r));
    await vi.advanceTimersByTimeAsync(0);
    document.dispatchEvent(new Event('soft-nav:end'));
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toHaveLength(2);
    expect(runs[0]!.signal.aborted).toBe(true);
  });

  it('a failing feature is logged and does not stop the others', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const runs: string[] = [];
    ctx = guardContext(new ContentScriptContext('github'), 'github');
    runFeatures(
      [
        defineFeature({ id: 'broken', include: [() => true], init: () => { throw new Error('boom'); } }),
        defineFeature({ id: 'fine', include: [() => true], init: () => void runs.push('fine') }),
      ],
      { events: [], ctx },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['fine']);
    expect(warn).toHaveBeenCalledWith('[weft] broken', expect.any(Error));
  });

  it('a newer copy of the script taking over stops everything: panels, timers, listeners', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const runs: FeatureRun[] = [];
    start((r) => void runs.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    // A navigation already seen (debounce pending) when the newer copy starts.
    document.dispatchEvent(new Event('turbo:render'));
    const newer = instanceLifetime('github');
    expect(ctx.signal.aborted).toBe(true);
    expect(runs[0]!.signal.aborted).toBe(true);
    history.pushState({}, '', '/octocat/hello-world/issues/3');
    document.dispatchEvent(new Event('turbo:render'));
    // Every poll and debounce of the next 5 seconds has fired: none ran the page again.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(newer.aborted).toBe(false);
  });

  it('the extension updated under the page: the panels stay and say "reload", and nothing runs again', async () => {
    history.replaceState({}, '', '/octocat/hello-world/issues/2');
    const runs: FeatureRun[] = [];
    start((r) => void runs.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(contextLost()).toBe(false);
    extension(false);
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    // The next navigation's debounce is where WXT's context notices the extension is gone.
    history.pushState({}, '', '/octocat/hello-world/issues/3');
    document.dispatchEvent(new Event('turbo:render'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ctx.isValid).toBe(false);
    expect(contextLost()).toBe(true);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.signal.aborted).toBe(false);
  });
});

describe('guardContext', () => {
  it('the page’s forged WXT "content-script-started" event ends nothing; a newer copy of the script ends the older', async () => {
    const first = guardContext(new ContentScriptContext('github'), 'github');
    const other = guardContext(new ContentScriptContext('hubspot'), 'hubspot');
    const name = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    // What WXT's context listens for, as a page script would send it (wxt-context.test.ts: it works unguarded).
    for (const script of ['github', 'hubspot']) document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: script, messageId: 'page' } }));
    expect(first.isValid).toBe(true);
    expect(other.isValid).toBe(true);
    // A newer copy: WXT's own started event is stopped like the page's, and the hand-over goes through the isolated world.
    ctx = guardContext(new ContentScriptContext('github'), 'github');
    expect(first.isValid).toBe(false);
    expect(ctx.isValid).toBe(true);
    expect(other.isValid).toBe(true);
    other.abort();
  });
});
