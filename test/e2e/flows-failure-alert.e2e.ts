import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { click, type, waitForText } from '../support/popup-steps';
import { postIssueOpened } from './github-webhook';
import { screenshot, startStack, type Stack } from './harness';
import { connectEverything } from './overlay-setup';

/**
 * A deployment's failure alert from the user's side (issue 10): set in the Flows page's
 * instance settings, it is saved and shown on the instance; a run that then fails posts
 * one message in that Slack channel (the emulator) naming the flow and the error.
 */
let stack: Stack;
let page: Page;

/** A channel the Slack emulator does not have: every run of the flow fails posting there. */
const MISSING_CHANNEL = 'C0NOSUCH01';
const ALERTS = 'C0WEFTGEN01';
const card = '[data-testid="template-card"][data-template-id="builtin:github-urgent-bug-to-slack"]';

beforeAll(async () => {
  stack = await startStack({ slack: true });
  await connectEverything(stack, 'grace@example.com');
  page = await stack.browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
}, 60_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-flows-alert-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await stack?.close();
});

describe('a failure alert in Chromium (issue 10)', () => {
  it('is set in the instance settings, saved, and a failed run posts it in Slack once', async () => {
    await page.goto(stack.extensionUrl('flows.html#/templates'));
    await click(page, `${card} [data-testid="template-install"]`);
    await page.waitForSelector(`${card} [data-testid="install-form"] [data-testid="config-channel"]`);
    await page.waitForFunction((sel: string) => (document.querySelector(sel) as HTMLSelectElement | null)?.value !== '', {}, `${card} select[data-testid="config-slack"]`);
    await page.waitForFunction((sel: string) => (document.querySelector(sel) as HTMLSelectElement | null)?.value !== '', {}, `${card} select[data-testid="config-github"]`);
    await type(page, `${card} [data-testid="config-channel"]`, MISSING_CHANNEL);
    await click(page, `${card} [data-testid="install-submit"]`);
    await page.waitForSelector('[data-testid="integration-page"]');
    const integrationUrl = page.url().replace(/\/instances$/, '');

    await page.goto(`${integrationUrl}/instances`);
    await click(page, '[data-testid="instance-row"] [data-testid="instance-edit-config"]');
    await click(page, '[data-testid="failure-alert-on"]');
    // The only Slack connection is chosen already.
    await page.waitForFunction(() => (document.querySelector('select[data-testid="failure-alert-connection"]') as HTMLSelectElement | null)?.value !== '');
    await type(page, '[data-testid="failure-alert-channel"]', ALERTS);
    await screenshot(page, 'flows-failure-alert-form');
    await click(page, '[data-testid="config-edit-save"]');
    await waitForText(page, '[data-testid="instance-failure-alert"]', `Failed runs are also posted in Slack channel ${ALERTS}.`);

    // Saved on the server: the page read again shows it.
    await page.reload();
    await waitForText(page, '[data-testid="instance-failure-alert"]', `Failed runs are also posted in Slack channel ${ALERTS}.`);

    await postIssueOpened(stack, { number: 7, title: 'Payments are down', labels: ['urgent'] });
    const deadline = Date.now() + 30_000;
    let alerts = stack.slack.listMessages(ALERTS).filter((m) => m.text.startsWith('Weft flow'));
    while (alerts.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alerts = stack.slack.listMessages(ALERTS).filter((m) => m.text.startsWith('Weft flow'));
    }
    expect(alerts.map((m) => m.text)).toEqual([expect.stringMatching(/^Weft flow “.+” \(.+\) failed: Slack refused: channel not found\nRun run_/)]);
  }, 90_000);
});
