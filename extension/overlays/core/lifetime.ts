import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's `ContentScriptContext` aborts when the document sees the event
 * `<extension id>:<entrypoint>:wxt:content-script-started` naming its script (sent by a
 * newer copy of the script). Any page script can dispatch that event too, and the
 * extension id is no secret (`wxt-context.test.ts` shows it working in the installed WXT).
 * Everything tied to the context would die at the page's will: `ctx.onInvalidated`,
 * `ctx.setInterval`, the `wxt:locationchange` listener, and so the panel.
 */
const startedEvent = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;

/**
 * Makes WXT's context one that only Weft can end, so the overlay can use its helpers:
 *
 * - the started event is stopped on its way down (a capture listener on `window` in the
 *   content scripts' isolated world runs before WXT's listener on `document`; the page
 *   cannot remove it), whoever sent it;
 * - the hand-over to a newer copy goes through that isolated world instead
 *   (`instanceLifetime`): its globals are shared by both copies, and the page cannot see
 *   or touch them. The older copy's context is aborted by Weft itself.
 *
 * The context still ends on its own when WXT notices the extension is gone (an update or
 * reload orphans the script). Call first thing in `main`.
 *
 * @example main(ctx) { runFeatures(features, { events, ctx: guardContext(ctx, 'github') }) }
 */
export function guardContext(ctx: ContentScriptContext, script: string): ContentScriptContext {
  if (typeof startedEvent !== 'string') throw new Error('WXT no longer names its content-script-started event where Weft reads it: check lifetime.ts against the new WXT.');
  window.addEventListener(startedEvent, (event) => event.stopImmediatePropagation(), { capture: true, signal: ctx.signal });
  instanceLifetime(script).addEventListener('abort', () => ctx.abort('A newer copy of the content script started.'));
  return ctx;
}

/**
 * How long this instance of a content script runs: until a newer instance of the same
 * script starts in the tab (it was injected again). The slot is a global of the isolated
 * world, keyed by a symbol: both instances share it, the page does not.
 */
export function instanceLifetime(script: string): AbortSignal {
  const slot = globalThis as unknown as Record<symbol, AbortController | undefined>;
  const key = Symbol.for(`weft:content-script:${script}`);
  slot[key]?.abort();
  const controller = new AbortController();
  slot[key] = controller;
  return controller.signal;
}
