import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForText } from '../support/popup-steps';
import { postIssueOpened } from './github-webhook';
import { ARTIFACTS, startStack, type Stack } from './harness';
import { connectEverything, fixture, openServedPage, waitInPanel, type Auth } from './overlay-setup';

/**
 * The pictures in the README, taken from the production build in Chromium with real data
 * from the emulators: the popup, a GitHub issue with Weft's panel, the options page, and
 * the Flows page (its integrations, and a run with its steps).
 * Every run takes them (into test/e2e/artifacts/) and checks they show what they should;
 * `npm run screenshots` writes them to docs/screenshots/ for a commit.
 */
const out = process.env.WEFT_UPDATE_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : ARTIFACTS;

let stack: Stack;
let auth: Auth;

/** The README's pictures stay small: a clone should not carry megabytes of them. */
const maxPictureBytes = 200 * 1024;

async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  expect(statSync(file).size).toBeLessThanOrEqual(maxPictureBytes);
}

async function call(method: string, route: string, body?: unknown) {
  const res = await fetch(`${stack.weft.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
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

  it('the Flows page: the integrations, and a run with its steps', async () => {
    const { connections } = await call('GET', '/api/connections');
    const id = (provider: string) => connections.find((c: { provider: string }) => c.provider === provider).id as string;
    await call('POST', '/api/templates/builtin:github-urgent-bug-to-slack/install', { config: { github: id('github'), slack: id('slack'), channel: 'C0WEFTENG01' } });
    await call('POST', '/api/templates/builtin:hubspot-deal-won-to-slack/install', { config: { hubspot: id('hubspot'), slack: id('slack'), channel: 'C0WEFTENG01' } });
    await postIssueOpened(stack, { number: 43, title: 'Checkout is down for EU customers', sender: 'jane-doe', labels: ['bug', 'urgent'] });
    let run: { id: string } | undefined;
    await expect
      .poll(async () => (run = (await call('GET', '/api/runs?status=succeeded')).runs[0]), { timeout: 30_000, interval: 200 })
      .toBeDefined();

    const flows = await stack.browser.newPage();
    await flows.setViewport({ width: 1000, height: 560 });
    await flows.goto(stack.extensionUrl('flows.html'));
    await waitForText(flows, '[data-testid="integration-row"]', 'GitHub urgent bug to Slack');
    await shoot(flows, 'flows-list');

    await flows.setViewport({ width: 1000, height: 600 });
    await flows.goto(stack.extensionUrl(`flows.html#/runs/${encodeURIComponent(run!.id)}`));
    await flows.waitForSelector('[data-testid="run-step"] [data-testid="run-step-status"][data-status="succeeded"]');
    // The step's rendered input open: what was posted in Slack.
    await flows.$eval('[data-testid="run-step-input"]', (el) => el.setAttribute('open', ''));
    await waitForText(flows, '[data-testid="run-step-input-text"]', 'New urgent bug: Checkout is down for EU customers');
    await shoot(flows, 'flows-run');
    await flows.close();
  });
});

