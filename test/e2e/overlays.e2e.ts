import { Hono } from 'hono';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForText } from '../support/popup-steps';
import { clickContextMenu } from './context-menu';
import { screenshot, startStack, type Stack } from './harness';
import {
  clickInPanel, connectEverything, fillInPanel, fixture, inPanel, panelRealm, panelTexts, selectInPanel, openServedPage, rapidClicks, waitForState, waitInPanel, type Auth,
} from './overlay-setup';

/**
 * Issue 4 in Chromium with the production build: the content scripts on GitHub and
 * HubSpot pages (fixtures served for the real URLs, so the manifest's match patterns are
 * what runs), their actions through the outbox to the emulators.
 */
let stack: Stack;
let auth: Auth;

const pages = {
  'github.com/octocat/hello-world/issues/2': () => fixture('github-issue.html'),
  'github.com/octocat/hello-world/pull/4/files': () => fixture('github-pull-files.html'),
  'github.com/octocat/hello-world': () => fixture('github-repo.html'),
  'app.hubspot.com/contacts/62515/record/0-1/10002': () => fixture('hubspot-contact.html'),
  'app.hubspot.com/contacts/62515/record/0-1/66666': () => fixture('hubspot-contact.html'),
  'app.hubspot.com/contacts/62515/deal/30002': () => fixture('hubspot-deal.html'),
} as Record<string, () => string>;

const openPage = (url: string): Promise<Page> => openServedPage(stack.browser, pages, url);

/** Markup a provider might hand back in any text field. */
const hostile = { img: '<img src=x onerror=alert(1)>', script: '"><script>window.__pwned=1</script>' };

/**
 * Slack's API with one more channel, named like an attack: real Slack refuses such names,
 * but Weft must not rely on that (the emulator's seed refuses them too, hence the wrapper).
 */
function withHostileChannel(slack: Hono): Hono {
  const app = new Hono();
  app.all('*', async (c) => {
    const res = await slack.fetch(c.req.raw);
    if (!c.req.path.endsWith('/conversations.list')) return res;
    const body = (await res.json()) as { ok: boolean; channels?: object[] };
    if (body.ok) body.channels?.push({ id: 'C0HOSTILE01', name: hostile.img, is_channel: true, is_private: false, is_member: true, is_archived: false });
    return c.json(body);
  });
  return app;
}

beforeAll(async () => {
  stack = await startStack({ slack: { wrap: withHostileChannel } });
  auth = await connectEverything(stack, 'ada@example.com');
});

afterAll(async () => {
  await stack?.close();
});

describe('GitHub issue panel', () => {
  it('shows the CRM context of the customer the issue mentions', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    expect(await panelTexts(page, '[data-testid="weft-crm-company"]')).toEqual([expect.stringContaining('Example Corp')]);
    expect(await panelTexts(page, '[data-testid="weft-deal"]')).toEqual([expect.stringContaining('Example Corp pilot')]);
    await screenshot(page, 'overlay-01-github-issue-panel');
    await page.close();
  });
});

describe('GitHub issue panel actions', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
  });
  afterAll(() => page.close());

  it('Notify Slack posts in the picked channel with a link back to the issue', async () => {
    await clickInPanel(page, '[data-testid="weft-action-slack-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-slack-channel"]', 'C0WEFTENG01');
    await clickInPanel(page, '[data-testid="weft-action-slack-submit"]');
    await waitForState(page, 'weft-action-slack', 'done');
    const [message] = stack.slack.listMessages('C0WEFTENG01');
    expect(message?.text).toContain('Add a dark mode (octocat/hello-world#2)');
    expect(message?.text).toContain('https://github.com/octocat/hello-world/issues/2');
    await screenshot(page, 'overlay-02-slack-sent');
  });

  it('Log on HubSpot company writes a note with the issue link on Example Corp', async () => {
    await clickInPanel(page, '[data-testid="weft-action-log-note-toggle"]');
    await clickInPanel(page, '[data-testid="weft-action-log-note-submit"]');
    await waitForState(page, 'weft-action-log-note', 'done');
    const note = stack.hubspot.listObjects('notes').at(-1)!;
    expect(note.properties.hs_note_body).toContain('https://github.com/octocat/hello-world/issues/2');
    expect(note.associations.companies).toEqual(['20002']);
  });

  it('Create follow-up task and Link to deal reach HubSpot on the contact and the deal', async () => {
    await clickInPanel(page, '[data-testid="weft-action-task-toggle"]');
    await clickInPanel(page, '[data-testid="weft-action-task-submit"]');
    await waitForState(page, 'weft-action-task', 'done');
    const task = stack.hubspot.listObjects('tasks').at(-1)!;
    expect(task.properties.hs_task_subject).toBe('Follow up: Add a dark mode');
    expect(task.associations.contacts).toEqual(['10002']);

    await clickInPanel(page, '[data-testid="weft-action-link-deal-toggle"]');
    await clickInPanel(page, '[data-testid="weft-action-link-deal-submit"]');
    await waitForState(page, 'weft-action-link-deal', 'done');
    const activity = stack.hubspot.listObjects('notes').at(-1)!;
    expect(activity.properties.hs_note_body).toMatch(/^GitHub issue: octocat\/hello-world#2: Add a dark mode/);
    expect(activity.associations.deals).toEqual(['30002']);
    await screenshot(page, 'overlay-03-actions-sent');
  });
});

describe('HubSpot record panel', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage('https://app.hubspot.com/contacts/62515/record/0-1/10002');
  });
  afterAll(() => page.close());

  it('lists the GitHub issues that mention the contact, with state, labels and assignee', async () => {
    await waitInPanel(page, '[data-testid="weft-issue-title"]', 'Add a dark mode');
    const [issue] = await panelTexts(page, '[data-testid="weft-record-issues"] [data-testid="weft-issue"]');
    expect(issue).toContain('open');
    expect(issue).toContain('enhancement');
    expect(issue).toContain('assigned to octocat');
    expect(await panelTexts(page, '[data-testid="weft-record-name"]')).toEqual([expect.stringContaining('Jane Doe (jane@example.com, example.com)')]);
    await screenshot(page, 'overlay-04-hubspot-contact');
  });

  it('Create GitHub issue for this customer opens it in the picked repository', async () => {
    await clickInPanel(page, '[data-testid="weft-action-create-issue-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-create-issue-repo"]', 'octocat/weft-demo');
    await fillInPanel(page, '[data-testid="weft-action-create-issue-title"]', 'Jane Doe: export to CSV');
    await clickInPanel(page, '[data-testid="weft-action-create-issue-submit"]');
    await waitForState(page, 'weft-action-create-issue', 'done');
    const created = stack.github.listIssues('octocat/weft-demo').at(-1)!;
    expect(created.title).toBe('Jane Doe: export to CSV');
    expect(created.body).toContain('https://app.hubspot.com/contacts/62515/record/0-1/10002');
    expect(created.body).toContain('jane@example.com');
    await screenshot(page, 'overlay-05-hubspot-issue-created');
  });
});

describe('HubSpot deal panel', () => {
  it('follows HubSpot’s in-app navigation from a contact to a deal (no event: the URL watcher), with one panel', async () => {
    const page = await openPage('https://app.hubspot.com/contacts/62515/record/0-1/10002');
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Jane Doe');
    await page.evaluate(() => history.pushState({}, '', '/contacts/62515/record/0-3/30002'));
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Example Corp pilot');
    expect(await page.evaluate(() => document.querySelectorAll('weft-panel, weft-launcher').length)).toBe(1);
    await page.close();
  });


  it('a legacy deal link gets the panel; Move deal stage moves the deal to the picked stage', async () => {
    const page = await openPage('https://app.hubspot.com/contacts/62515/deal/30002');
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Example Corp pilot');
    await waitInPanel(page, '[data-testid="weft-issue-title"]', 'Add a dark mode');
    await clickInPanel(page, '[data-testid="weft-action-stage-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-stage-stage"]', 'qualifiedtobuy');
    await clickInPanel(page, '[data-testid="weft-action-stage-submit"]');
    await waitForState(page, 'weft-action-stage', 'done');
    expect(stack.hubspot.getObject('deals', '30002')!.properties.dealstage).toBe('qualifiedtobuy');
    await screenshot(page, 'overlay-05b-hubspot-deal-stage');
    await page.close();
  });
});

/** How many Weft panels (anchored or floating) the page holds. */
const panelCount = (page: Page) => page.evaluate(() => document.querySelectorAll('weft-panel, weft-launcher').length);

/** What GitHub does on an in-app navigation: new URL, new content, then its render event. */
async function softNavigate(page: Page, path: string, html: string, event: 'turbo:render' | 'soft-nav:end') {
  await page.evaluate(
    (p: string, body: string, type: string) => {
      history.pushState({}, '', p);
      const doc = new DOMParser().parseFromString(body, 'text/html');
      document.documentElement.setAttribute('data-color-mode', doc.documentElement.getAttribute('data-color-mode') ?? 'light');
      document.body.replaceWith(document.adoptNode(doc.body));
      document.dispatchEvent(new Event(type));
    },
    path,
    html,
    event,
  );
}

describe('anchors, launcher and in-app navigation', () => {
  it('without the sidebar anchor the panel opens from a floating launcher, in the page’s dark theme', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/pull/4/files');
    await waitInPanel(page, '[data-testid="weft-launcher"]', undefined, 15_000);
    expect(await page.evaluate(() => document.querySelector('weft-launcher')!.getAttribute('data-theme'))).toBe('dark');
    await clickInPanel(page, '[data-testid="weft-launcher"]');
    await waitInPanel(page, '[data-testid="weft-floating"] [data-testid="weft-panel-root"]');
    await waitInPanel(page, '[data-testid="weft-issue-summary"]', 'Update README.md');
    expect(await panelCount(page)).toBe(1);
    await screenshot(page, 'overlay-06-launcher-dark');
    await page.close();
  });

  it('Turbo and React soft navigations leave exactly one panel, for the page now shown', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    for (let round = 0; round < 3; round++) {
      await softNavigate(page, '/octocat/hello-world/pull/4/files', fixture('github-pull-files.html'), 'soft-nav:end');
      await page.waitForFunction(() => document.querySelector('weft-launcher'), { polling: 50, timeout: 10_000 });
      await softNavigate(page, '/octocat/hello-world/issues/2', fixture('github-issue.html'), 'turbo:render');
      await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
      expect(await page.evaluate(() => document.querySelectorAll('weft-launcher').length)).toBe(0);
    }
    // Back and forward: Turbo restores its snapshot of the page on popstate.
    await page.evaluate(
      (pages: Record<string, string>) => {
        addEventListener('popstate', () => {
          const doc = new DOMParser().parseFromString(pages[location.pathname] ?? '', 'text/html');
          document.body.replaceWith(document.adoptNode(doc.body));
        });
      },
      { '/octocat/hello-world/pull/4/files': fixture('github-pull-files.html'), '/octocat/hello-world/issues/2': fixture('github-issue.html') },
    );
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.pathname.endsWith('/files') && document.querySelectorAll('weft-panel, weft-launcher').length === 1 && document.querySelector('weft-launcher'), { polling: 50, timeout: 10_000 });
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => location.pathname.endsWith('/issues/2') && document.querySelector('weft-panel'), { polling: 50, timeout: 10_000 });
    // Several events for one navigation still give one panel, at every moment: the page
    // notes the most panels it ever held, until a later render event has had its own run
    // (a panel host that was not there before it). Runs are scheduled one at a time, so by
    // then nothing the two events started is still to come.
    await page.evaluate(() => {
      const w = window as unknown as { __mostPanels: number };
      w.__mostPanels = 0;
      const count = () => (w.__mostPanels = Math.max(w.__mostPanels, document.querySelectorAll('weft-panel, weft-launcher').length));
      new MutationObserver(count).observe(document.documentElement, { childList: true, subtree: true });
    });
    await softNavigate(page, '/octocat/hello-world/issues/2', fixture('github-issue.html'), 'turbo:render');
    await page.evaluate(() => document.dispatchEvent(new Event('soft-nav:end')));
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('weft-panel, weft-launcher')) host.setAttribute('data-test-before', '');
      document.dispatchEvent(new Event('turbo:render'));
    });
    await page.waitForFunction(() => document.querySelector('weft-panel:not([data-test-before])'), { polling: 20, timeout: 10_000 });
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    expect(await page.evaluate(() => (window as unknown as { __mostPanels: number }).__mostPanels)).toBe(1);
    expect(await panelCount(page)).toBe(1);
    await page.close();
  });

  it('a repository home lists its open issues linked to CRM customers', async () => {
    const page = await openPage('https://github.com/octocat/hello-world');
    await waitInPanel(page, '[data-testid="weft-repo-issues"] [data-testid="weft-issue-title"]', 'Add a dark mode');
    expect(await panelTexts(page, '[data-testid="weft-repo-issues"] [data-testid="weft-issue"]')).toEqual([expect.stringContaining('for Jane Doe')]);
    await screenshot(page, 'overlay-07-repo-home');
    await page.close();
  });
});

/** Clicks a Weft context-menu item as Chrome would; returns the compose window, sized as the menu opens it. */
async function contextMenuClick(info: Record<string, string>, tab: { title: string; url: string }): Promise<Page> {
  const page = await clickContextMenu(stack, info, tab);
  await page.setViewport({ width: 440, height: 600 });
  return page;
}

describe('context menus', () => {
  const tab = { title: 'Ticket 42 · Example support', url: 'https://support.example.com/t/42' };

  it('the five menu items exist in Chrome', async () => {
    const missing = await stack.worker.evaluate(async (ids: string[]) => {
      const chrome = (globalThis as any).chrome;
      const absent: string[] = [];
      for (const id of ids) {
        // `update` fails for an id that was never created.
        await new Promise<void>((done) => chrome.contextMenus.update(id, {}, () => (chrome.runtime.lastError && absent.push(id), done())));
      }
      return absent;
    }, ['issue-from-selection', 'slack', 'find-in-hubspot', 'add-contact', 'issue-from-link', 'not-a-weft-item']);
    expect(missing).toEqual(['not-a-weft-item']);
  });

  it('the production worker has no test hook: nothing of Weft’s on its global object', async () => {
    // The tests click menu items through Chrome's own event (context-menu.ts), so nothing is exposed for them.
    const globals = await stack.worker.evaluate(() => Object.getOwnPropertyNames(globalThis).filter((name) => /weft|contextmenu/i.test(name)));
    expect(globals).toEqual([]);
  });

  it('"Create GitHub issue from selection" opens a prefilled form that creates the issue', async () => {
    const compose = await contextMenuClick({ menuItemId: 'issue-from-selection', selectionText: 'CSV export times out for jane@example.com\nSince Monday.', pageUrl: tab.url }, tab);
    await waitInPanel(compose, '[data-testid="compose-issue-title"]');
    expect(await inPanel(compose, (root) => (root!.querySelector('[data-testid="compose-issue-title"]') as HTMLInputElement).value)).toBe('CSV export times out for jane@example.com');
    await selectInPanel(compose, '[data-testid="compose-issue-repo"]', 'octocat/hello-world');
    await screenshot(compose, 'overlay-08-compose-issue');
    const before = stack.github.listIssues('octocat/hello-world').length;
    // An impatient triple click is one submission: one issue (issue 7, item 14).
    await rapidClicks(compose, '[data-testid="compose-issue-submit"]');
    await waitInPanel(compose, '[data-testid="weft-action-state"][data-status="done"]');
    expect(stack.github.listIssues('octocat/hello-world')).toHaveLength(before + 1);
    const issue = stack.github.listIssues('octocat/hello-world').at(-1)!;
    expect(issue.title).toBe('CSV export times out for jane@example.com');
    expect(issue.body).toBe('> CSV export times out for jane@example.com\n> Since Monday.\n\nFrom [Ticket 42 · Example support](https://support.example.com/t/42)');
    await screenshot(compose, 'overlay-09-compose-issue-sent');
    await compose.close();
  });

  it('"Create GitHub issue linking this page" and "Add as HubSpot contact" go through the same path', async () => {
    const link = await contextMenuClick({ menuItemId: 'issue-from-link', linkUrl: 'https://status.example.com/incidents/7', pageUrl: tab.url }, tab);
    await selectInPanel(link, '[data-testid="compose-issue-repo"]', 'octocat/hello-world');
    await clickInPanel(link, '[data-testid="compose-issue-submit"]');
    await waitInPanel(link, '[data-testid="weft-action-state"][data-status="done"]');
    expect(stack.github.listIssues('octocat/hello-world').at(-1)).toMatchObject({ title: 'Follow up: status.example.com/incidents/7' });
    await link.close();

    // A signature as Chrome's context menu hands it over: its line breaks collapsed to spaces.
    const signature = 'Best regards, Grace Hopper VP Engineering, Example Corp grace.hopper@navy.example.org';
    const contact = await contextMenuClick({ menuItemId: 'add-contact', selectionText: signature, pageUrl: tab.url }, tab);
    await clickInPanel(contact, '[data-testid="compose-contact-submit"]');
    await waitInPanel(contact, '[data-testid="weft-action-state"][data-status="done"]');
    expect(stack.hubspot.listObjects('contacts').at(-1)!.properties).toMatchObject({ email: 'grace.hopper@navy.example.org', firstname: 'Grace', lastname: 'Hopper' });
    await contact.close();
  });

  it('"Send to Slack…" posts the selection with a link back to the page', async () => {
    const compose = await contextMenuClick({ menuItemId: 'slack', selectionText: 'Example Corp wants SSO before renewal', pageUrl: tab.url }, tab);
    await selectInPanel(compose, '[data-testid="compose-slack-channel"]', 'C0WEFTGEN01');
    await clickInPanel(compose, '[data-testid="compose-slack-submit"]');
    await waitInPanel(compose, '[data-testid="weft-action-state"][data-status="done"]');
    const posted = stack.slack.listMessages('C0WEFTGEN01').at(-1)!;
    expect(posted.text).toContain('Example Corp wants SSO before renewal');
    expect(posted.text).toContain('<https://support.example.com/t/42|Ticket 42 · Example support>');
    await compose.close();
  });

  it('a post refused because the bot is not in the channel goes through on Retry once the bot is invited, exactly once', async () => {
    const compose = await contextMenuClick({ menuItemId: 'slack', selectionText: 'Example Corp signed the renewal', pageUrl: tab.url }, tab);
    await selectInPanel(compose, '[data-testid="compose-slack-channel"]', 'C0WEFTSAL01');
    await clickInPanel(compose, '[data-testid="compose-slack-submit"]');
    await compose.waitForFunction(() => document.querySelector('#app')!.shadowRoot!.querySelector('[data-testid="weft-action-state"][data-status="failed"]'), { polling: 50, timeout: 20_000 });
    await compose.close();

    const popup = await stack.browser.newPage();
    await popup.setViewport({ width: 380, height: 600 });
    await popup.goto(stack.extensionUrl('popup.html'));
    const failed = '[data-testid="outbox-item"][data-status="failed"]';
    await waitForText(popup, `${failed} [data-testid="outbox-reason"]`, 'Slack refused: not in channel');
    // The user fixes the cause in Slack (/invite @Weft), then presses Retry: the same key runs again.
    stack.slack.inviteBot('C0WEFTSAL01');
    await popup.click(`${failed} [data-testid="outbox-retry"]`);
    await popup.waitForFunction((sel: string) => !document.querySelector(sel), { polling: 50, timeout: 20_000 }, failed);
    await waitForText(popup, '[data-testid="activity-item"][data-type="action.completed"]', 'You posted to #sales', 20_000);
    expect(stack.slack.listMessages('C0WEFTSAL01').map((m) => m.text)).toEqual([expect.stringContaining('Example Corp signed the renewal')]);
    await popup.close();
  });

  it('"Find in HubSpot" lists the contact and company of an address in the selection', async () => {
    const find = await contextMenuClick({ menuItemId: 'find-in-hubspot', selectionText: 'Ping jane@example.com about the pilot', pageUrl: tab.url }, tab);
    await waitInPanel(find, '[data-testid="compose-find-match"]', 'Jane Doe');
    await screenshot(find, 'overlay-10-compose-find');
    await find.close();
  });
});

describe('outbox', () => {
  it('with the server down, three actions wait in the outbox with the reason; when it is back each arrives exactly once', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await waitInPanel(page, '[data-testid="weft-panel-status"]', 'up to date');
    const before = { slack: stack.slack.listMessages('C0WEFTENG01').length, notes: stack.hubspot.listObjects('notes').length, tasks: stack.hubspot.listObjects('tasks').length };

    // The channel list comes while the server is up (afterwards it would come from the cache).
    await clickInPanel(page, '[data-testid="weft-action-slack-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-slack-channel"]', 'C0WEFTENG01');

    await stack.stopWeft();
    await fillInPanel(page, '[data-testid="weft-action-slack-text"]', 'Written while the server was down');
    await clickInPanel(page, '[data-testid="weft-action-slack-submit"]');
    await clickInPanel(page, '[data-testid="weft-action-log-note-toggle"]');
    await clickInPanel(page, '[data-testid="weft-action-log-note-submit"]');
    await clickInPanel(page, '[data-testid="weft-action-task-toggle"]');
    await fillInPanel(page, '[data-testid="weft-action-task-subject"]', 'Call Jane back (queued offline)');
    await clickInPanel(page, '[data-testid="weft-action-task-submit"]');
    for (const id of ['weft-action-slack', 'weft-action-log-note', 'weft-action-task']) await waitForState(page, id, 'queued');
    await waitInPanel(page, '[data-testid="weft-action-task"] [data-testid="weft-action-state"]', "Can't reach the Weft server");
    await screenshot(page, 'overlay-11-outbox-queued-panel');

    const popup = await stack.browser.newPage();
    await popup.setViewport({ width: 380, height: 600 });
    await popup.goto(stack.extensionUrl('popup.html'));
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="outbox-item"][data-status="queued"]').length === 3, { polling: 50, timeout: 15_000 });
    const reasons = await popup.$$eval('[data-testid="outbox-reason"]', (els) => els.map((e) => e.textContent));
    expect(reasons).toEqual(Array(3).fill(expect.stringContaining("Can't reach the Weft server")));
    await screenshot(popup, 'overlay-12-popup-outbox-waiting');
    expect(stack.slack.listMessages('C0WEFTENG01')).toHaveLength(before.slack);
    const lastOwnBefore = Math.max(0, ...(await popup.$$eval('[data-testid="activity-item"][data-type="action.completed"]', (els) => els.map((el) => Number(el.getAttribute('data-event-id'))))));

    await stack.startWeft();
    // No click: the push socket reconnecting (or the retry timer) sends the queue.
    await popup.waitForFunction(() => !document.querySelector('[data-testid="outbox-list"]'), { polling: 100, timeout: 60_000 });
    for (const id of ['weft-action-slack', 'weft-action-log-note', 'weft-action-task']) await waitForState(page, id, 'done');
    expect(stack.slack.listMessages('C0WEFTENG01').map((m) => m.text).filter((t) => t.includes('Written while the server was down'))).toHaveLength(1);
    expect(stack.slack.listMessages('C0WEFTENG01')).toHaveLength(before.slack + 1);
    expect(stack.hubspot.listObjects('notes')).toHaveLength(before.notes + 1);
    const tasks = stack.hubspot.listObjects('tasks');
    expect(tasks).toHaveLength(before.tasks + 1);
    expect(tasks.at(-1)!.properties.hs_task_subject).toBe('Call Jane back (queued offline)');
    await screenshot(page, 'overlay-13-outbox-sent');
    // The user's own actions, in their words, once each, pushed back as action.completed.
    await waitForText(popup, '[data-testid="activity-item"][data-type="action.completed"]', 'You created the task “Call Jane back (queued offline)” in HubSpot', 20_000);
    const own = await popup.$$eval('[data-testid="activity-item"][data-type="action.completed"]', (els) =>
      els.map((el) => ({ id: Number(el.getAttribute('data-event-id')), text: el.querySelector('.activity-title')!.textContent })));
    const sent = own.filter((o) => o.id > lastOwnBefore).map((o) => o.text).sort();
    expect(sent).toEqual(['You created the task “Call Jane back (queued offline)” in HubSpot', expect.stringMatching(/^You logged a note on a HubSpot (contact|company)$/), 'You posted to #eng']);
    await screenshot(popup, 'overlay-13b-popup-own-actions');
    await popup.close();
    await page.close();
  });
});

describe('hostile data', () => {
  it('an issue title, a contact name and a Slack channel made of markup render as text in panel, popup and notification, and run nothing', async () => {
    const issue = stack.github.seedIssue({ title: hostile.img, body: `Reported by mallory@evil.example ${hostile.script}`, labels: [hostile.script] });
    // Its page: GitHub's own markup is escaped by GitHub; what Weft adds comes from the providers.
    pages[`github.com/octocat/hello-world/issues/${issue.number}`] = () => fixture('github-issue.html').replace('jane@example.com', 'mallory@evil.example');
    stack.hubspot.seedObject('contacts', { email: 'mallory@evil.example', firstname: hostile.script, lastname: hostile.img }, { id: '66666' });
    await stack.worker.evaluate(() => {
      const n = (globalThis as any).chrome.notifications;
      const create = n.create.bind(n);
      (globalThis as any).__notifications = [];
      n.create = (...args: unknown[]) => {
        (globalThis as any).__notifications.push(args);
        return create(...args);
      };
    });
    const dialogs: string[] = [];
    const watch = (page: Page) => page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    const unsafe = async (page: Page) => {
      const inside = async () =>
        inPanel(page, (root) => ({
          imgs: [...(root?.querySelectorAll('img') ?? [])].map((i) => i.getAttribute('src')).filter((src) => src === 'x'),
          scripts: root?.querySelectorAll('script').length ?? 0,
        }));
      // The page's own world: where an injected script would have run.
      const page_ = await page.evaluate(() => ({ pwned: (window as any).__pwned ?? null, imgs: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')).filter((src) => src === 'x') }));
      const panel = (await page.$('weft-panel, weft-launcher, #app')) ? await inside() : { imgs: [], scripts: 0 };
      return { pwned: page_.pwned, imgs: [...page_.imgs, ...panel.imgs], scripts: panel.scripts };
    };

    const github = await openPage(`https://github.com/octocat/hello-world/issues/${issue.number}`);
    watch(github);
    await waitInPanel(github, '[data-testid="weft-issue-title"]', hostile.img);
    await waitInPanel(github, '[data-testid="weft-crm-contact-name"]', hostile.script);
    expect(await panelTexts(github, '[data-testid="weft-crm-contact-name"]')).toEqual([`${hostile.script} ${hostile.img}`]);
    await clickInPanel(github, '[data-testid="weft-action-slack-toggle"]');
    await selectInPanel(github, '[data-testid="weft-action-slack-channel"]', 'C0HOSTILE01');
    expect(await panelTexts(github, '[data-testid="weft-action-slack-channel"] option[value="C0HOSTILE01"]')).toEqual([`#${hostile.img}`]);
    await clickInPanel(github, '[data-testid="weft-action-slack-submit"]');
    await waitForState(github, 'weft-action-slack', 'failed');
    await screenshot(github, 'overlay-14-hostile-github');
    expect(await unsafe(github)).toEqual({ pwned: null, imgs: [], scripts: 0 });

    const hubspot = await openPage('https://app.hubspot.com/contacts/62515/record/0-1/66666');
    watch(hubspot);
    await waitInPanel(hubspot, '[data-testid="weft-issue-title"]', hostile.img);
    await waitInPanel(hubspot, '[data-testid="weft-record-name"]', hostile.script);
    await screenshot(hubspot, 'overlay-15-hostile-hubspot');
    expect(await unsafe(hubspot)).toEqual({ pwned: null, imgs: [], scripts: 0 });

    const popup = await stack.browser.newPage();
    watch(popup);
    await popup.setViewport({ width: 380, height: 600 });
    await popup.goto(stack.extensionUrl('popup.html'));
    await popup.waitForSelector('[data-testid="outbox-item"][data-status="failed"]', { timeout: 15_000 });
    const label = await popup.$eval('[data-testid="outbox-item"][data-status="failed"] [data-testid="outbox-label"]', (e) => e.textContent);
    expect(label).toContain(`Post to Slack #${hostile.img}`);
    await screenshot(popup, 'overlay-16-hostile-popup');
    expect(await unsafe(popup)).toEqual({ pwned: null, imgs: [], scripts: 0 });

    const notifications = (await stack.worker.evaluate(() => (globalThis as any).__notifications)) as [string, { title: string; message: string }][];
    const failure = notifications.find(([id]) => id.startsWith('outbox-'));
    expect(failure?.[1].title).toContain(`#${hostile.img}`);
    expect(failure?.[1].message).toMatch(/Slack refused/);

    // Discard takes the failed item out of the outbox.
    await popup.click('[data-testid="outbox-item"][data-status="failed"] [data-testid="outbox-discard"]');
    await popup.waitForFunction(() => !document.querySelector('[data-testid="outbox-item"][data-status="failed"]'), { polling: 50, timeout: 10_000 });
    expect(dialogs).toEqual([]);
    for (const page of [github, hubspot, popup]) await page.close();
  });
});

// Last: it reloads the extension under the page, which ends the worker the other tests use.
describe('extension updated under an open page', () => {
  it('the orphaned panel asks for a reload instead of failing', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await clickInPanel(page, '[data-testid="weft-action-log-note-toggle"]');
    await stack.worker.evaluate(() => (globalThis as any).chrome.runtime.reload()).catch(() => undefined);
    // Chrome drops the worker and orphans the page's content script; nothing tells the page.
    // The test waits until the content script's world has lost its extension, as the panel sees it.
    await (await panelRealm(page)).waitForFunction(() => !(globalThis as any).chrome?.runtime?.id, { polling: 20, timeout: 10_000 });
    await clickInPanel(page, '[data-testid="weft-action-log-note-submit"]');
    await waitInPanel(page, '[data-testid="weft-reload-note"]', 'Weft was updated — reload the page');
    const text = (await panelTexts(page, '[data-testid="weft-panel-root"]')).join(' ');
    expect(text).not.toMatch(/Error|invalidated|at \w+ \(/);
    await screenshot(page, 'overlay-17-extension-updated');
    await page.close();
  });
});
