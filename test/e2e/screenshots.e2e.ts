import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForText } from '../support/popup-steps';
import { postIssueOpened } from './github-webhook';
import { ARTIFACTS, startStack, type Stack } from './harness';
import { connectEverything, fixture, openServedPage, waitInPanel, type Auth } from './overlay-setup';

/**
 * The pictures in the README, taken from the production build in Chromium with real data
 * from the emulators: the popup, a GitHub issue with Weft's panel, and the options page.
 * Every run takes them (into test/e2e/artifacts/) and checks they show what they should;
 * `npm run screenshots` writes them to docs/screenshots/ for a commit.
 */
const out = process.env.WEFT_UPDATE_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : ARTIFACTS;

let stack: Stack;
let auth: Auth;

async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, `${name}.png`) as `${string}.png`, fullPage: options.fullPage ?? false });
}

beforeAll(async () => {
  stack = await startStack({ slack: true });
  auth = await connectEverything(stack, 'ada@example.com');
  await postIssueOpened(stack, { number: 41, title: 'CSV export times out for Example Corp', sender: 'jane-doe' });
  await postIssueOpened(stack, { number: 42, title: 'Add a dark mode to the dashboard', sender: 'octocat' });
});

afterAll(async () => {
  await stack?.close();
});

describe('README screenshots', () => {
  it('the popup: connections and recent activity', async () => {
    const popup = await stack.browser.newPage();
    await popup.setViewport({ width: 380, height: 600 });
    await popup.goto(stack.extensionUrl('popup.html'));
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="connection-row"]').length === 3, { polling: 50, timeout: 20_000 });
    await waitForText(popup, '[data-testid="activity-item"]', 'Add a dark mode');
    await waitForText(popup, '[data-testid="push-status"]', 'Live');
    await shoot(popup, 'popup');
    await popup.close();
  });

  it('a GitHub issue with Weft’s panel: the customer it mentions, from HubSpot', async () => {
    const page = await openServedPage(stack.browser, { 'github.com/octocat/hello-world/issues/2': () => fixture('github-issue.html') }, 'https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await waitInPanel(page, '[data-testid="weft-deal"]', 'Example Corp pilot');
    await shoot(page, 'github-issue-panel');
    await page.close();
  });

  it('the options page: server, notifications, custom webhooks and the delivery log', async () => {
    await fetch(`${stack.weft.url}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Deploy notifications', signed: true }),
    });
    const options = await stack.browser.newPage();
    await options.setViewport({ width: 1000, height: 900 });
    await options.goto(stack.extensionUrl('options.html'));
    await waitForText(options, '[data-testid="webhook-row-name"]', 'Deploy notifications');
    await options.waitForFunction(() => document.querySelectorAll('[data-testid="delivery-row"]').length >= 2, { polling: 50, timeout: 20_000 });
    await shoot(options, 'options', { fullPage: true });
    await options.close();
  });
});
