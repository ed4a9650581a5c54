import type { Browser, Page } from 'puppeteer-core';

/**
 * The steps a user takes in the extension's popup and options page and on a provider's
 * consent tab, for the e2e tests, and what they wait to see.
 */

/** What the steps need of the e2e stack (`startStack()` in test/e2e/harness.ts). */
export interface BrowserStack {
  browser: Browser;
  weft: { url: string };
  extensionUrl(page: string): string;
}

/**
 * Clicks the first node matching `selector` once it is visible, enabled and still.
 * A locator, not waitForSelector + click: the popup re-renders as push and storage
 * events arrive, and a node found a moment ago may be gone by the click ("Node is
 * detached from document"); the locator finds it again and retries.
 */
export async function click(page: Page, selector: string) {
  await page.locator(selector).setTimeout(15_000).click();
}

/** Replaces the field's text with `text`, typed key by key. */
export async function type(page: Page, selector: string, text: string) {
  await page.locator(selector).setTimeout(15_000).click({ count: 3 });
  await page.type(selector, text);
}

/** Waits for a node matching `selector` whose text contains `text` (or any, if omitted). */
export async function waitForText(page: Page, selector: string, text?: string | RegExp, timeout = 15_000) {
  const pattern = text instanceof RegExp ? { source: text.source, flags: text.flags } : null;
  await page.waitForFunction(
    (sel: string, want: string | null, re: { source: string; flags: string } | null) =>
      [...document.querySelectorAll(sel)].some((el) => {
        const t = el.textContent ?? '';
        if (re) return new RegExp(re.source, re.flags).test(t);
        return want === null || t.includes(want);
      }),
    { timeout, polling: 50 },
    selector,
    typeof text === 'string' ? text : null,
    pattern,
  );
}

/** Options page → server URL (the stack's server unless told) → Save → Test; `beforeClose` sees the page once the server is up. */
export async function pointAtServer(stack: BrowserStack, url = stack.weft.url, beforeClose?: (options: Page) => Promise<void>) {
  const options = await stack.browser.newPage();
  await options.goto(stack.extensionUrl('options.html'));
  await type(options, '[data-testid="server-url-input"]', url);
  await click(options, '[data-testid="server-save"]');
  await click(options, '[data-testid="server-test"]');
  await waitForText(options, '[data-testid="server-status"][data-ok="true"]', 'is up');
  await beforeClose?.(options);
  await options.close();
}

/** Opens the popup as a page (380 px wide), as its toolbar button would show it. */
export async function openPopup(stack: BrowserStack): Promise<Page> {
  const popup = await stack.browser.newPage();
  await popup.setViewport({ width: 380, height: 600 });
  await popup.goto(stack.extensionUrl('popup.html'));
  return popup;
}

/** Creates an account in an open popup and waits until it shows the user signed in. */
export async function signUp(popup: Page, email: string) {
  await click(popup, '[data-testid="mode-signup"]');
  await type(popup, '[data-testid="signup-email"]', email);
  await type(popup, '[data-testid="signup-password"]', 'correct horse battery');
  await click(popup, '[data-testid="signup-submit"]');
  await waitForText(popup, '[data-testid="user-email"]', email);
}

/** Opens the popup and creates an account. */
export async function signUpInPopup(stack: BrowserStack, email: string): Promise<Page> {
  const popup = await openPopup(stack);
  await signUp(popup, email);
  return popup;
}

/** The provider's consent tab the extension opened at `origin`, once its Approve button shows. */
export async function consentTab(stack: BrowserStack, origin: string): Promise<Page> {
  const target = await stack.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(origin), { timeout: 15_000 });
  const page = (await target.page())!;
  await page.waitForSelector('#approve', { visible: true });
  return page;
}
