import type { Page } from 'puppeteer-core';
import { waitForText, type Stack } from './harness';

/** The steps a user takes in the popup and options page, shared by e2e tests. */
export async function click(page: Page, selector: string) {
  await page.waitForSelector(selector, { visible: true, timeout: 15_000 });
  await page.click(selector);
}

export async function type(page: Page, selector: string, text: string) {
  await page.waitForSelector(selector, { visible: true, timeout: 15_000 });
  await page.click(selector, { count: 3 });
  await page.type(selector, text);
}

/** Options page → server URL (the stack's server unless told) → Save → Test. */
export async function pointAtServer(stack: Stack, url = stack.weft.url) {
  const options = await stack.browser.newPage();
  await options.goto(stack.extensionUrl('options.html'));
  await type(options, '[data-testid="server-url-input"]', url);
  await click(options, '[data-testid="server-save"]');
  await click(options, '[data-testid="server-test"]');
  await waitForText(options, '[data-testid="server-status"][data-ok="true"]', 'is up');
  await options.close();
}

/** Opens the popup as a page (380 px wide) and creates an account. */
export async function signUpInPopup(stack: Stack, email: string): Promise<Page> {
  const popup = await stack.browser.newPage();
  await popup.setViewport({ width: 380, height: 600 });
  await popup.goto(stack.extensionUrl('popup.html'));
  await click(popup, '[data-testid="mode-signup"]');
  await type(popup, '[data-testid="signup-email"]', email);
  await type(popup, '[data-testid="signup-password"]', 'correct horse battery');
  await click(popup, '[data-testid="signup-submit"]');
  await waitForText(popup, '[data-testid="user-email"]', email);
  return popup;
}
