// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { instanceLifetime } from './lifetime';

/**
 * Why `guardContext` (lifetime.ts) stands between WXT's content-script context and the
 * overlay core: `ctx.onInvalidated`, `ctx.setInterval` and the `wxt:locationchange`
 * listener all hang off `ctx.signal`, and in the installed WXT a page script aborts that
 * signal by dispatching one event on `document`. The name is
 * `<extension id>:<entrypoint>:wxt:content-script-started`, and the extension id is no
 * secret to a page. If this test fails after a WXT upgrade, WXT stopped trusting page
 * events and the guard can go (run-features.test.ts checks the guarded context).
 */

/** The event WXT's context listens for, exactly as WXT names it; a page builds the same string. */
const startedEvent = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;

/** What a page script sends: a plain CustomEvent, from its own world, naming the script. */
function forgeFromPage(script: string): void {
  document.dispatchEvent(new CustomEvent(startedEvent, { detail: { contentScriptName: script, messageId: 'page' } }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WXT’s content-script context, in the installed version', () => {
  it('is the "content-script-started" event, per extension and entrypoint', () => {
    expect(startedEvent).toMatch(/:wxt:content-script-started$/);
  });

  it('a page’s forged event ends it: ctx.onInvalidated fires, ctx.setInterval and wxt:locationchange listeners stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const ctx = new ContentScriptContext('github');
    const invalidated = vi.fn();
    ctx.onInvalidated(invalidated);
    const ticks = vi.fn();
    ctx.setInterval(ticks, 300);
    const moves = vi.fn();
    ctx.addEventListener(window, 'wxt:locationchange', moves);
    const locationChange = startedEvent.replace('content-script-started', 'locationchange');
    await vi.advanceTimersByTimeAsync(300);
    window.dispatchEvent(new Event(locationChange));
    expect(ticks).toHaveBeenCalledTimes(1);
    expect(moves).toHaveBeenCalledTimes(1);

    forgeFromPage('github');

    expect(invalidated).toHaveBeenCalledOnce();
    expect(ctx.isValid).toBe(false);
    // Every timer of the next minute has fired: the URL poll would be dead.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ticks).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    // A location change announced now reaches nobody (the listener went with the signal).
    window.dispatchEvent(new Event(locationChange));
    expect(moves).toHaveBeenCalledTimes(1);
  });

  it('the same event leaves Weft’s own hand-over (the isolated world’s lifetime) running', () => {
    const lifetime = instanceLifetime('github');
    forgeFromPage('github');
    expect(lifetime.aborted).toBe(false);
  });
});
