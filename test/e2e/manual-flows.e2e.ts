import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { click, openPopup, type, waitForText } from '../support/popup-steps';
import { screenshot, startStack, type Stack } from './harness';
import { clickInPanel, connectEverything, fixture, inPanel, openServedPage, panelTexts, waitInPanel, type Auth } from './overlay-setup';

/**
 * Issue 10's manual triggers in Chromium with the production build: an integration with
 * manual flows deployed through the API, then run as a person would: the button on the
 * GitHub issue panel (the page's issue as the input), the context menu on a selection,
 * and the popup's form built from the trigger's input schema. Each must leave the server
 * with a run whose trigger data is that input.
 */
let stack: Stack;
let auth: Auth;
let instanceId: string;
let slack: string;

const pages = {
  'github.com/octocat/hello-world/issues/2': () => fixture('github-issue.html'),
  'app.hubspot.com/contacts/62515/record/0-1/10002': () => fixture('hubspot-contact.html'),
} as Record<string, () => string>;

/** One integration, four manual flows: one per place a person starts them from. */
const escalations = {
  weft: 'integration/v1',
  name: 'Escalations',
  configVars: [
    { key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' },
    { key: 'channel', label: 'Channel', type: 'string', default: 'C0WEFTENG01' },
  ],
  flows: [
    {
      id: 'escalate',
      name: 'Escalate to #eng',
      description: 'Posts the issue in the engineering channel.',
      trigger: { type: 'manual', from: ['github.issue', 'github.pull'] },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: 'Escalated: {{trigger.title}} {{trigger.url}}' } }],
    },
    {
      id: 'log-customer',
      name: 'Log customer in #eng',
      trigger: { type: 'manual', from: ['hubspot.record'] },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: 'Customer: {{trigger.name}} ({{trigger.objectType}} {{trigger.id}})' } }],
    },
    {
      id: 'quote',
      name: 'Quote in Slack',
      trigger: { type: 'manual', from: ['selection'] },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: '“{{trigger.text}}”' } }],
    },
    {
      id: 'announce',
      name: 'Announce',
      trigger: {
        type: 'manual',
        inputSchema: { type: 'object', required: ['message'], properties: { message: { type: 'string', title: 'Message', maxLength: 200 }, urgent: { type: 'boolean', title: 'Urgent' } } },
      },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: '{{trigger.message}}' } }],
    },
  ],
};

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.weft.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The runs the server recorded for the instance, newest first. */
async function runs(): Promise<{ id: string; flowId: string; trigger: unknown; triggerType: string }[]> {
  return (await call('GET', `/api/runs?instance=${encodeURIComponent(instanceId)}`)).runs;
}

beforeAll(async () => {
  stack = await startStack({ slack: true });
  auth = await connectEverything(stack, 'ada@example.com');
  const { connections } = await call('GET', '/api/connections');
  slack = connections.find((c: { provider: string }) => c.provider === 'slack').id as string;
  const created = await call('POST', '/api/integrations', escalations);
  await call('POST', `/api/integrations/${created.integration.id}/versions`, { note: 'first' });
  const deployed = await call('POST', '/api/instances', { integrationId: created.integration.id, version: 1, config: { slack, channel: 'C0WEFTENG01' } });
  instanceId = deployed.instance.id;
});

afterAll(async () => {
  await stack?.close();
});

describe('a manual flow from the GitHub issue panel', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openServedPage(stack.browser, pages, 'https://github.com/octocat/hello-world/issues/2');
  });
  afterAll(() => page.close());

  it('offers the flows whose `from` names GitHub issues, and runs one with the issue as its input', async () => {
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await waitInPanel(page, '[data-testid="weft-flow-run"]', 'Escalate to #eng');
    // Only the flow meant for issues: not the selection's, not the popup's.
    expect(await panelTexts(page, '[data-testid="weft-flow-run"]')).toEqual([expect.stringContaining('Escalate to #eng')]);
    await screenshot(page, 'manual-flows-01-issue-panel');

    await clickInPanel(page, '[data-testid="weft-flow-run"]');
    await waitInPanel(page, '[data-testid="weft-flow-state"][data-status="started"]', 'Run started.');
    await screenshot(page, 'manual-flows-02-run-started');

    const [run] = await runs();
    expect(run).toMatchObject({
      flowId: 'escalate',
      triggerType: 'manual',
      trigger: { repo: 'octocat/hello-world', number: 2, title: 'Add a dark mode', url: 'https://github.com/octocat/hello-world/issues/2' },
    });
    // And the run ran: its step posted in Slack.
    await expect
      .poll(() => stack.slack.listMessages('C0WEFTENG01').map((m) => m.text), { timeout: 15_000, interval: 100 })
      .toContain('Escalated: Add a dark mode https://github.com/octocat/hello-world/issues/2');
  });

  it('“View run” opens the run in the Flows page', async () => {
    const [run] = await runs();
    const opened = stack.browser.waitForTarget((t) => t.url() === stack.extensionUrl(`flows.html#/runs/${run!.id}`), { timeout: 10_000 });
    await clickInPanel(page, '[data-testid="weft-flow-run-link"]');
    await (await (await opened).page())?.close();
  });
});

describe('a manual flow from the HubSpot record panel', () => {
  it('runs with the record as its input', async () => {
    const page = await openServedPage(stack.browser, pages, 'https://app.hubspot.com/contacts/62515/record/0-1/10002');
    await waitInPanel(page, '[data-testid="weft-flow-run"]', 'Log customer in #eng');
    expect(await panelTexts(page, '[data-testid="weft-flow-run"]')).toEqual([expect.stringContaining('Log customer in #eng')]);
    await clickInPanel(page, '[data-testid="weft-flow-run"]');
    await waitInPanel(page, '[data-testid="weft-flow-state"][data-status="started"]', 'Run started.');
    await screenshot(page, 'manual-flows-03-hubspot-record');
    const [run] = await runs();
    expect(run).toMatchObject({
      flowId: 'log-customer',
      trigger: { objectType: 'contacts', id: '10002', name: 'Jane Doe', url: 'https://app.hubspot.com/contacts/62515/record/0-1/10002' },
    });
    await page.close();
  });
});

describe('a manual flow from the context menu', () => {
  it('runs with the selection as its input, and says so in a notification', async () => {
    const before = (await runs()).length;
    await stack.worker.evaluate(
      (i: Record<string, string>, t: { title: string; url: string }) => (globalThis as any).chrome.contextMenus.onClicked.dispatch(i, t),
      { menuItemId: `flow:selection:${encodeURIComponent(instanceId)}:quote`, selectionText: 'Export fails for jane@example.com', pageUrl: 'https://support.example.com/t/42', editable: 'false' } as unknown as Record<string, string>,
      { title: 'Ticket 42', url: 'https://support.example.com/t/42' },
    );
    await expect.poll(async () => (await runs()).length, { timeout: 15_000, interval: 100 }).toBe(before + 1);
    const [run] = await runs();
    expect(run).toMatchObject({ flowId: 'quote', trigger: { text: 'Export fails for jane@example.com', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42' } });
    await expect
      .poll(() => stack.worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll())), { timeout: 10_000, interval: 100 })
      .toContain(`flow-run:${run!.id}`);
  });
});

describe('a manual flow from the popup', () => {
  it('lists every manual flow, asks for the input its schema describes, and runs it', async () => {
    const popup = await openPopup(stack);
    await waitForText(popup, '[data-testid="run-flow"]', 'Announce');
    const names = await popup.$$eval('[data-testid="run-flow"] .row-title', (nodes) => nodes.map((n) => n.textContent));
    expect(names).toEqual(['Escalate to #eng (Escalations)', 'Log customer in #eng (Escalations)', 'Quote in Slack (Escalations)', 'Announce (Escalations)']);
    await click(popup, '[data-testid="run-flow"][data-flow="announce"] [data-testid="run-flow-toggle"]');
    // Required and empty: named on its field, nothing sent.
    await click(popup, '[data-testid="run-flow-submit"]');
    await waitForText(popup, '[data-testid="run-flow-input-message-error"]', 'Message is required.');
    await type(popup, '[data-testid="run-flow-input-message"]', 'Deploy at 5pm');
    await click(popup, '[data-testid="run-flow-input-urgent"]');
    await click(popup, '[data-testid="run-flow-submit"]');
    await waitForText(popup, '[data-testid="run-flow-result"][data-status="started"]', 'Run started.');
    await screenshot(popup, 'manual-flows-04-popup');
    const [run] = await runs();
    expect(run).toMatchObject({ flowId: 'announce', trigger: { message: 'Deploy at 5pm', urgent: true } });
    await popup.close();
  });
});

/** Whether Chrome's context menu has an item with this id (`update` fails for one never created). */
async function menuHas(id: string): Promise<boolean> {
  return stack.worker.evaluate(
    (itemId: string) =>
      new Promise<boolean>((done) => {
        const chrome = (globalThis as any).chrome;
        chrome.contextMenus.update(itemId, {}, () => done(!chrome.runtime.lastError));
      }),
    id,
  );
}

/** A panel's flow: whether its button is disabled, and the reason shown under it; null when the panel does not list it. */
async function flowState(page: Page, flowId: string): Promise<{ disabled: boolean; reason: string | null } | null> {
  return inPanel(
    page,
    (root, id: string) => {
      const flow = root?.querySelector(`[data-testid="weft-flow"][data-flow="${id}"]`);
      if (!flow) return null;
      const button = flow.querySelector('[data-testid="weft-flow-run"]') as HTMLButtonElement;
      return { disabled: button.disabled, reason: flow.querySelector('[data-testid="weft-flow-unavailable"]')?.textContent ?? null };
    },
    flowId,
  );
}

describe('the menu and an open panel follow deploys and pauses at once', () => {
  // The manual flows are also re-read every 15 minutes (an alarm) and when a panel opens:
  // these wait 5 s at most, on a panel opened before the change and never reloaded.
  const soon = { timeout: 5_000, interval: 100 };
  let issue: Page;
  let flowsPage: Page;
  let triageId: string;
  let triageInstance: string;

  beforeAll(async () => {
    issue = await openServedPage(stack.browser, pages, 'https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(issue, '[data-testid="weft-flow-run"]', 'Escalate to #eng');
    const created = await call('POST', '/api/integrations', {
      weft: 'integration/v1',
      name: 'Triage',
      configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
      flows: [
        {
          id: 'triage',
          name: 'Triage issue',
          trigger: { type: 'manual', from: ['github.issue', 'selection'] },
          steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'Triage: {{trigger.title}}' } }],
        },
      ],
    });
    triageId = created.integration.id;
    await call('POST', `/api/integrations/${triageId}/versions`, { note: 'first' });
    flowsPage = await stack.browser.newPage();
    await flowsPage.setViewport({ width: 1200, height: 900 });
  });
  afterAll(async () => {
    await issue?.close();
    await flowsPage?.close();
  });

  it('deployed from the Flows page’s dialog: its button is on the open issue panel and its entry in the context menu at once', async () => {
    await flowsPage.goto(stack.extensionUrl(`flows.html#/integrations/${encodeURIComponent(triageId)}/instances`));
    // A modal dialog: focus moves into it, Escape closes it and gives focus back to Deploy.
    await click(flowsPage, '[data-testid="deploy-open"]');
    await flowsPage.waitForSelector('dialog[data-testid="deploy-dialog"][open]');
    expect(await flowsPage.evaluate(() => Boolean(document.activeElement?.closest('dialog[data-testid="deploy-dialog"]')))).toBe(true);
    await flowsPage.keyboard.press('Escape');
    await flowsPage.waitForSelector('[data-testid="deploy-dialog"]', { hidden: true });
    expect(await flowsPage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('deploy-open');
    await click(flowsPage, '[data-testid="deploy-open"]');
    await flowsPage.waitForFunction(() => (document.querySelector('[data-testid="config-slack"]') as HTMLSelectElement | null)?.value, { polling: 50, timeout: 10_000 });
    await click(flowsPage, '[data-testid="deploy-submit"]');
    await waitForText(flowsPage, '[data-testid="deployed"]', 'Deployed “Triage”');
    triageInstance = (await call('GET', '/api/instances')).instances.find((i: { integrationId: string }) => i.integrationId === triageId).id;

    await expect.poll(() => flowState(issue, 'triage'), soon).toEqual({ disabled: false, reason: null });
    await expect.poll(() => menuHas(`flow:selection:${encodeURIComponent(triageInstance)}:triage`), soon).toBe(true);
  });

  it('disabled in the Flows page: still listed on the panel, its button disabled with why; enabled again, its button works again', async () => {
    const toggle = `[data-instance-id="${triageInstance}"] [data-testid="instance-toggle"]`;
    await click(flowsPage, toggle);
    await expect.poll(() => flowState(issue, 'triage'), soon).toEqual({ disabled: true, reason: 'Disabled: turn it on in the Flows page to run it.' });
    // Kept in the menu (greyed out: Chrome does not let a test read that; the unit tests check it).
    expect(await menuHas(`flow:selection:${encodeURIComponent(triageInstance)}:triage`)).toBe(true);

    await waitForText(flowsPage, toggle, 'Enable');
    await click(flowsPage, toggle);
    await expect.poll(() => flowState(issue, 'triage'), soon).toEqual({ disabled: false, reason: null });
  });

  it('changed from another browser (the API, not this extension): the open panel follows through the pushed event', async () => {
    await call('PATCH', `/api/instances/${encodeURIComponent(triageInstance)}`, { enabled: false });
    await expect.poll(() => flowState(issue, 'triage'), soon).toEqual({ disabled: true, reason: 'Disabled: turn it on in the Flows page to run it.' });
    await call('PATCH', `/api/instances/${encodeURIComponent(triageInstance)}`, { enabled: true });
    await expect.poll(() => flowState(issue, 'triage'), soon).toEqual({ disabled: false, reason: null });
  });

  it('paused by Weft (its Slack connection deleted): listed, disabled, with the reason from the server', async () => {
    await call('DELETE', `/api/connections/${encodeURIComponent(slack)}?force=1`);
    const reason = 'Paused: The connection chosen for "slack" was deleted: choose another one to resume this flow.';
    await expect.poll(() => flowState(issue, 'escalate'), { timeout: 10_000, interval: 100 }).toEqual({ disabled: true, reason });
    expect(await flowState(issue, 'triage')).toEqual({ disabled: true, reason });
    // A tab behind another is not painted: bring it forward for its picture.
    await issue.bringToFront();
    await screenshot(issue, 'manual-flows-05-paused');
  });
});

