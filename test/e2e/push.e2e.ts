import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { publishConnection } from '../../server/connections/publish';
import { saveConnection } from '../../server/connections/save-connection';
import { postIssueOpened } from './github-webhook';
import { screenshot, startStack, waitForText, type Stack } from './harness';
import { pointAtServer, signUpInPopup } from './popup-steps';

/**
 * Issue 3 in Chromium: a signed GitHub webhook reaches the extension as a notification and
 * in the popup's activity list, with its hostile title rendered as text; across a server
 * restart the worker resumes from its cursor and applies each missed event exactly once;
 * and a worker Chrome stopped for idling (server down, nothing attached) is woken by its
 * 1-minute alarm and catches up, each event once.
 */
let stack: Stack;
let popup: Page;

const workerUrl = () => `chrome-extension://${stack.extensionId}/background.js`;

async function currentWorker(): Promise<{ worker: WebWorker }> {
  const target = await stack.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === workerUrl(), { timeout: 15_000 });
  return { worker: (await target.worker()) as WebWorker };
}

/** Posts `issues.opened` for an issue assigned to octocat, signed as GitHub signs it. */
const postIssue = (number: number, title: string) => postIssueOpened(stack, { number, title, assignees: ['octocat'] });

const notificationIds = (w: WebWorker) => w.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll()));

beforeAll(async () => {
  stack = await startStack();
  await pointAtServer(stack);
  popup = await signUpInPopup(stack, 'ada@example.com');
  // Ada's GitHub account is octocat (stored as the OAuth flow would, then announced).
  const user = await stack.weft.deps.db.selectFrom('users').select('id').where('email', '=', 'ada@example.com').executeTakeFirstOrThrow();
  const member = await stack.weft.deps.db.selectFrom('workspace_members').select('workspace_id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
  const row = await saveConnection(stack.weft.deps.db, stack.weft.deps.vault, findProvider('github')!, { id: '583231', label: 'octocat' },
    { authMode: 'oauth2', accessToken: 'gho_e2e', refreshToken: null, expiresAt: null, scopes: ['repo'] },
    { workspaceId: member.workspace_id, userId: user.id });
  await publishConnection(stack.weft.deps, row.id, { kind: 'connected' });
  await waitForText(popup, '[data-testid="push-status"][data-state="live"]');
  await waitForText(popup, '[data-testid="connection-row"][data-provider="github"]', 'octocat').catch(async (e) => {
    await screenshot(popup, 'push-e2e-failed-setup');
    throw e;
  });
});

afterAll(async () => {
  await stack?.close();
});

describe('live events in the extension (issue 3)', () => {
  it('a signed GitHub webhook shows as a notification and in the activity list', async () => {
    await postIssue(101, 'Checkout fails for <img src=x onerror=alert(1)>');
    const { worker } = await currentWorker();
    await expect.poll(() => notificationIds(worker), { timeout: 15_000, interval: 100 }).toHaveLength(1);
    await waitForText(popup, '[data-testid="activity-item"][data-type="github.issues.opened"]', '#101 Checkout fails for <img src=x onerror=alert(1)>');
    // Remote text is text: the title did not become an element.
    expect(await popup.$$eval('[data-testid="activity-list"] img', (imgs) => imgs.length)).toBe(0);
    await screenshot(popup, 'push-e2e-01-activity');
  });

  it('across a server restart the worker reconnects and applies what it missed exactly once', async () => {
    await stack.stopWeft();
    await waitForText(popup, '[data-testid="push-status"]:not([data-state="live"])');
    await stack.startWeft();
    // Posted as soon as the server is back, possibly before the worker reconnects.
    await postIssue(102, 'Second');
    await postIssue(103, 'Third');
    await waitForText(popup, '[data-testid="push-status"][data-state="live"]', undefined, 60_000);
    await postIssue(104, 'Fourth');
    const items = '[data-testid="activity-item"][data-type="github.issues.opened"]';
    await popup.waitForFunction((sel: string) => document.querySelectorAll(sel).length >= 4, { polling: 100, timeout: 30_000 }, items);
    await new Promise((r) => setTimeout(r, 1000));
    const ids = await popup.$$eval(items, (els) => els.map((e) => e.getAttribute('data-event-id')));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    await screenshot(popup, 'push-e2e-02-after-restart');
    await popup.close();
  }, 120_000);

  it('a worker Chrome stopped for idling is woken by its alarm and catches up exactly once', async () => {
    // Nothing may hold the worker open: detach DevTools sessions and close extension pages.
    for (const target of stack.browser.targets()) {
      if (target.type() === 'service_worker') await (await target.worker())?.client.detach().catch(() => {});
    }
    for (const page of await stack.browser.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
    const workerAlive = () => stack.browser.targets().some((t) => t.type() === 'service_worker' && t.url() === workerUrl());
    await stack.stopWeft();
    const idleStart = Date.now();
    await expect.poll(workerAlive, { timeout: 150_000, interval: 500 }).toBe(false);
    console.log(`worker stopped by Chrome after ${Math.round((Date.now() - idleStart) / 1000)} s idle`);

    await stack.startWeft();
    await postIssue(105, 'Fifth');
    await postIssue(106, 'Sixth');
    const wakeStart = Date.now();
    await expect.poll(workerAlive, { timeout: 90_000, interval: 500 }).toBe(true);
    console.log(`worker woken after ${Math.round((Date.now() - wakeStart) / 1000)} s`);

    const again = await stack.browser.newPage();
    await again.setViewport({ width: 380, height: 600 });
    await again.goto(stack.extensionUrl('popup.html'));
    const items = '[data-testid="activity-item"][data-type="github.issues.opened"]';
    await again.waitForFunction((sel: string) => document.querySelectorAll(sel).length >= 6, { polling: 100, timeout: 30_000 }, items);
    await new Promise((r) => setTimeout(r, 1000));
    const ids = await again.$$eval(items, (els) => els.map((e) => e.getAttribute('data-event-id')));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    await screenshot(again, 'push-e2e-03-after-idle-wake');
  }, 300_000);

});
