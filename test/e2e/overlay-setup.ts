import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
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
  const html = await (await fetch(url)).text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error(`no consent form at ${url}`);
  const approved = await fetch(new URL(action.replace(/&amp;/g, '&'), url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision: 'approve' }).toString(),
  });
  const callback = approved.headers.get('location');
  if (!callback) throw new Error(`consent did not redirect (${approved.status})`);
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

const FIXTURES = path.resolve('test/fixtures/pages');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

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

// The helpers below look into the shadow root of Weft's panel (anchored or floating) or of
// the compose window (`#app`), where remote text is rendered.

/** Waits until the panel's shadow root holds `selector` (optionally containing `text`). */
export async function waitInPanel(page: Page, selector: string, text?: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (sel: string, want: string | null) => {
      const host = document.querySelector('weft-panel, weft-launcher, #app');
      const nodes = [...(host?.shadowRoot?.querySelectorAll(sel) ?? [])];
      return nodes.some((n) => want === null || (n.textContent ?? '').includes(want));
    },
    { timeout, polling: 50 },
    selector,
    text ?? null,
  );
}

/** Text of every node matching `selector` in the panel. */
export async function panelTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel: string) => {
    const host = document.querySelector('weft-panel, weft-launcher, #app');
    return [...(host?.shadowRoot?.querySelectorAll(sel) ?? [])].map((n) => n.textContent ?? '');
  }, selector);
}

/** Clicks a node in the panel's shadow root (a DOM click: the panel's layout may shift as states appear). */
export async function clickInPanel(page: Page, selector: string): Promise<void> {
  await waitInPanel(page, selector);
  await page.evaluate((sel: string) => (document.querySelector('weft-panel, weft-launcher, #app')!.shadowRoot!.querySelector(sel) as HTMLElement).click(), selector);
}

/** Sets a form control's value in the panel as a user would (typing fires input events Preact listens to). */
export async function fillInPanel(page: Page, selector: string, value: string): Promise<void> {
  await waitInPanel(page, selector);
  const handle = (await page.evaluateHandle((sel: string) => document.querySelector('weft-panel, weft-launcher, #app')!.shadowRoot!.querySelector(sel), selector)) as any;
  await handle.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await handle.type(value);
}

export async function selectInPanel(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForFunction(
    (sel: string, v: string) => {
      const select = document.querySelector('weft-panel, weft-launcher, #app')?.shadowRoot?.querySelector(sel) as HTMLSelectElement | null;
      return Boolean(select && [...select.options].some((o) => o.value === v));
    },
    { timeout: 20_000, polling: 50 },
    selector,
    value,
  );
  const handle = (await page.evaluateHandle((sel: string) => document.querySelector('weft-panel, weft-launcher, #app')!.shadowRoot!.querySelector(sel), selector)) as any;
  await handle.select(value);
}
