import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, ElementHandle, Page, Realm } from 'puppeteer-core';
import { answerConsent } from '../support/consent';
import type { Stack } from './harness';

/**
 * Setting the stage for the overlay tests without the popup (its own e2e covers it): an
 * account, provider connections made through the emulators' real consent pages over
 * HTTP, the extension signed in, and provider pages served from fixtures.
 */

export type Auth = { token: string; user: { id: string; email: string; workspaceId: string } };

async function json(res: Response) {
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function signUp(stack: Stack, email: string): Promise<Auth> {
  return json(await fetch(`${stack.weft.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  }));
}

/** Authorize → the emulator's consent page → Approve → Weft's callback → claim, as a browser and its extension would. */
export async function connectOAuth(stack: Stack, auth: Auth, provider: 'github' | 'slack'): Promise<void> {
  const { url } = await json(await fetch(`${stack.weft.url}/api/connections/${provider}/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
    body: '{}',
  }));
  const callback = await answerConsent(fetch, url, 'approve');
  const result = await fetch(callback, { redirect: 'manual' });
  const landing = new URL(result.headers.get('location') ?? '/', stack.weft.url);
  const grant = landing.searchParams.get('grant');
  if (!grant) throw new Error(`${provider} did not connect: ${landing}`);
  // What the user's extension does on the result page: claim the held grant with its session.
  await json(await fetch(`${stack.weft.url}/api/connections/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ grant }),
  }));
}

export async function connectHubspot(stack: Stack, auth: Auth): Promise<void> {
  await json(await fetch(`${stack.weft.url}/api/connections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'hubspot', credentials: { token: stack.hubspot.issueToken() } }),
  }));
}

/** What the popup's sign-in stores (wxt/storage `local:` keys), written from the worker. */
export async function signInExtension(stack: Stack, auth: Auth): Promise<void> {
  await stack.worker.evaluate(
    async (serverUrl: string, session: Auth) => {
      await (globalThis as any).chrome.storage.local.set({ serverUrl, session });
    },
    stack.weft.url,
    auth,
  );
}

/** A new account with GitHub, HubSpot and Slack connected, and the extension signed in to it. */
export async function connectEverything(stack: Stack, email: string): Promise<Auth> {
  const auth = await signUp(stack, email);
  await connectOAuth(stack, auth, 'github');
  await connectHubspot(stack, auth);
  await connectOAuth(stack, auth, 'slack');
  await signInExtension(stack, auth);
  return auth;
}

const FIXTURES = path.resolve('test/fixtures/pages');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/**
 * A new tab at the e2e viewport, answering `pages` from fixtures, opened at `url`;
 * `beforeLoad` runs first (e.g. `evaluateOnNewDocument` to record what the page sees).
 */
export async function openServedPage(browser: Browser, pages: Record<string, () => string>, url: string, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await servePages(page, pages);
  await beforeLoad?.(page);
  await page.goto(url);
  return page;
}

/**
 * Answers https://github.com/* and https://app.hubspot.com/* from fixture pages (by
 * pathname; `pages` maps a path to an HTML string); everything else on those hosts is a
 * 404, and other origins go to the network (the emulators, the extension).
 */
export async function servePages(page: Page, pages: Record<string, () => string>): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = new URL(request.url());
    if (url.hostname !== 'github.com' && url.hostname !== 'app.hubspot.com') return void request.continue();
    const html = pages[`${url.hostname}${url.pathname.replace(/\/$/, '')}`];
    if (html && request.resourceType() === 'document') {
      return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html() });
    }
    return void request.respond({ status: 404, contentType: 'text/plain', body: 'not in the fixtures' });
  });
}

// The helpers below reach into Weft's panel (anchored or floating) or the compose window
// (`#app`), where remote text is rendered. The panel's shadow root is closed: the page's own
// scripts get null from `host.shadowRoot`. The tests go where the content script runs, its
// isolated world, whose `chrome.dom.openOrClosedShadowRoot` opens it; clicks and keys are
// real input (CDP), trusted as a person's are.

type PanelRealm = Pick<Realm, 'evaluate' | 'evaluateHandle' | 'waitForFunction'>;

/**
 * Weft's content-script world in a provider page, or the compose window itself, with
 * `__weftPanelRoot()` defined there (invisible to the page: its world is another).
 */
export async function panelRealm(page: Page, timeout = 20_000, pollMs = 20): Promise<PanelRealm> {
  const deadline = Date.now() + timeout;
  let realm: PanelRealm | undefined;
  while (!realm) {
    realm = page.url().startsWith('chrome-extension://') ? page.mainFrame() : page.mainFrame().extensionRealms().find((r) => r.origin?.startsWith('chrome-extension://'));
    if (realm) break;
    if (Date.now() > deadline) throw new Error(`no Weft content script in ${page.url()}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
  await realm.evaluate(() => {
    // Remembered per host: once the extension is reloaded under the page, chrome.dom is gone from this world.
    const seen = ((globalThis as any).__weftRoots ??= new WeakMap<Element, ShadowRoot>()) as WeakMap<Element, ShadowRoot>;
    (globalThis as any).__weftPanelRoot = (): ShadowRoot | null => {
      const host = document.querySelector('weft-panel, weft-launcher, #app');
      if (!host) return null;
      const root = host.shadowRoot ?? seen.get(host) ?? (globalThis as any).chrome?.dom?.openOrClosedShadowRoot?.(host) ?? null;
      if (root) seen.set(host, root);
      return root;
    };
  });
  return realm;
}

/** Waits until the panel's shadow root holds `selector` (optionally containing `text`). */
export async function waitInPanel(page: Page, selector: string, text?: string, timeout = 20_000): Promise<void> {
  const realm = await panelRealm(page, timeout);
  await realm.waitForFunction(
    (sel: string, want: string | null) => {
      const root = (globalThis as any).__weftPanelRoot() as ShadowRoot | null;
      return [...(root?.querySelectorAll(sel) ?? [])].some((n) => want === null || (n.textContent ?? '').includes(want));
    },
    { timeout, polling: 50 },
    selector,
    text ?? null,
  );
}

/** Evaluates `fn(root, ...args)` where the panel lives, with its shadow root (null if there is none). */
export async function inPanel<T, A extends unknown[]>(page: Page, fn: (root: ShadowRoot | null, ...args: A) => T, ...args: A): Promise<T> {
  const realm = await panelRealm(page);
  const root = await realm.evaluateHandle(() => (globalThis as any).__weftPanelRoot() as ShadowRoot | null);
  return (await realm.evaluate(fn as any, root, ...args)) as T;
}

/** Text of every node matching `selector` in the panel. */
export async function panelTexts(page: Page, selector: string): Promise<string[]> {
  return inPanel(page, (root, sel: string) => [...(root?.querySelectorAll(sel) ?? [])].map((n) => n.textContent ?? ''), selector);
}

/** The element `selector` in the panel, as a handle for real input. */
export async function panelElement(page: Page, selector: string): Promise<ElementHandle<Element>> {
  await waitInPanel(page, selector);
  const realm = await panelRealm(page);
  return (await realm.evaluateHandle((sel: string) => ((globalThis as any).__weftPanelRoot() as ShadowRoot).querySelector(sel)!, selector)) as ElementHandle<Element>;
}

/**
 * Where a person would click `handle`: its centre once it has stopped moving (states and
 * messages appear above it as earlier actions answer) and is not covered.
 */
async function clickablePoint(handle: ElementHandle<Element>): Promise<{ x: number; y: number }> {
  let previous = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const spot = await handle.evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const hit = (el.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y);
      return { x, y, key: `${r.left},${r.top},${r.width},${r.height}`, hit: hit !== null && (hit === el || el.contains(hit)) };
    });
    if (spot.hit && spot.key === previous) return { x: spot.x, y: spot.y };
    previous = spot.key;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the element never held still for a click');
}

/** Clicks a node in the panel as a person does: a real mouse click where it is on screen. */
export async function clickInPanel(page: Page, selector: string, options: { count?: number; delay?: number } = {}): Promise<void> {
  const { x, y } = await clickablePoint(await panelElement(page, selector));
  await page.mouse.click(x, y, options);
}

/** `times` real clicks `gapMs` apart, as an impatient person gives (the report: three within 150 ms). Returns how long they took. */
export async function rapidClicks(page: Page, selector: string, times = 3, gapMs = 60): Promise<number> {
  const { x, y } = await clickablePoint(await panelElement(page, selector));
  const started = Date.now();
  for (let click = 0; click < times; click++) {
    await new Promise((r) => setTimeout(r, started + click * gapMs - Date.now()));
    await page.mouse.click(x, y);
  }
  return Date.now() - started;
}

/** Sets a form control's value in the panel as a user would (select all, then type). */
export async function fillInPanel(page: Page, selector: string, value: string): Promise<void> {
  const handle = await panelElement(page, selector);
  const { x, y } = await clickablePoint(handle);
  await page.mouse.click(x, y, { count: 3 });
  await page.keyboard.press('Backspace');
  await handle.type(value);
}

export async function selectInPanel(page: Page, selector: string, value: string): Promise<void> {
  await (await panelRealm(page)).waitForFunction(
    (sel: string, v: string) => {
      const select = ((globalThis as any).__weftPanelRoot() as ShadowRoot | null)?.querySelector(sel) as HTMLSelectElement | null;
      // Options by their value property: Preact leaves out the attribute when it equals the text.
      return Boolean(select && [...select.options].some((o) => o.value === v));
    },
    { timeout: 20_000, polling: 50 },
    selector,
    value,
  );
  const handle = (await panelElement(page, selector)) as ElementHandle<HTMLSelectElement>;
  await handle.select(value);
}

/** Waits for the newest action state of the action `testid` in the panel to reach `status`. */
export async function waitForState(page: Page, testid: string, status: string, timeout = 20_000): Promise<void> {
  await (await panelRealm(page)).waitForFunction(
    (id: string, want: string) => {
      const root = (globalThis as any).__weftPanelRoot() as ShadowRoot | null;
      const states = root?.querySelectorAll(`[data-testid="${id}"] [data-testid="weft-action-state"]`);
      return states?.length ? states[states.length - 1]!.getAttribute('data-status') === want : false;
    },
    { timeout, polling: 50 },
    testid,
    status,
  );
}
