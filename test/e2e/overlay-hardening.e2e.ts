import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startStack, type Stack } from './harness';
import {
  clickInPanel, connectEverything, fillInPanel, fixture, inPanel, panelTexts, rapidClicks, selectInPanel, openServedPage, waitForState, waitInPanel,
} from './overlay-setup';

/**
 * Issue 7, items 3, 14 and 15 in Chromium with the production build: page scripts cannot
 * read or drive the panel, one submission is one action, and a page that renders late
 * (GitHub's React issue view, HubSpot's record sidebars) is read when it has rendered.
 */
let stack: Stack;

/** The issue page with a hostile script of the page's own, run before the extension's. */
const withHostileScript = (html: string) => html.replace('<head>', `<head><script>${fixture('hostile-page-script.js')}</script>`);

const pages: Record<string, () => string> = {
  'github.com/octocat/hello-world/issues/2': () => withHostileScript(fixture('github-issue.html')),
  'github.com/octocat/hello-world/issues/102': () => fixture('github-issue-react.html'),
  'app.hubspot.com/contacts/62515/record/0-1/10002': () => fixture('hubspot-contact.html'),
  'app.hubspot.com/contacts/62515/record/0-1/10001': () => fixture('hubspot-contact-late.html'),
};

const openPage = (url: string): Promise<Page> => openServedPage(stack.browser, pages, url);

/** Opens `url` recording every Weft host the page ever gets, in order (the hosts are in the page's own DOM). */
function openRecordingHosts(url: string): Promise<Page> {
  return openServedPage(stack.browser, pages, url, async (page) => {
    await page.evaluateOnNewDocument(() => {
      (window as any).__hosts = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && /^weft-/.test(n.localName)) (window as any).__hosts.push(n.localName);
      }).observe(document, { childList: true, subtree: true });
    });
  });
}

const hostsSoFar = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__hosts);

beforeAll(async () => {
  stack = await startStack({ slack: true });
  await connectEverything(stack, 'ada@example.com');
});

afterAll(async () => {
  await stack?.close();
});

const slackTexts = (since: number) => stack.slack.listMessages('C0WEFTENG01').slice(since).map((m) => m.text);

describe('page scripts cannot reach the overlay (item 3)', () => {
  it('a script on github.com cannot read the panel’s CRM data, post through its form or remove it; the person still can', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    await waitInPanel(page, '[data-testid="weft-deal"]', 'Example Corp pilot');
    const before = stack.slack.listMessages('C0WEFTENG01').length;

    // (Not covered: Chrome's window.find() searches shadow trees too, closed ones included, so a
    // page can still ask whether a string it already guessed is on screen. It reads nothing.)
    const report = await page.evaluate((id: string) => (window as any).attack(id), stack.extensionId);
    expect(report).toMatchObject({ host: 'weft-panel', shadowRoot: false, capturedRoots: 0, leaked: [], formTries: 0, stillThere: true });

    // The person, with real clicks and keys: sent once, in their words, from the panel still there.
    await clickInPanel(page, '[data-testid="weft-action-slack-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-slack-channel"]', 'C0WEFTENG01');
    await fillInPanel(page, '[data-testid="weft-action-slack-text"]', 'Sent by the person');
    await clickInPanel(page, '[data-testid="weft-action-slack-submit"]');
    await waitForState(page, 'weft-action-slack', 'done');
    expect(slackTexts(before)).toEqual([expect.stringContaining('Sent by the person')]);
    expect(await page.evaluate(() => document.querySelectorAll('weft-panel, weft-launcher').length)).toBe(1);
    // Sent (item 14): the state links the message, and the form is back to what it proposed.
    const [permalink] = await panelTexts(page, '[data-testid="weft-action-slack"] [data-testid="weft-action-result-link"]');
    expect(permalink).toMatch(/^https:\/\/weft-test\.slack\.com\/archives\/C0WEFTENG01\/p\d{16}$/);
    expect(await inPanel(page, (root) => root!.querySelector<HTMLAnchorElement>('[data-testid="weft-action-result-link"]')!.href)).toBe(permalink);
    expect(await inPanel(page, (root) => root!.querySelector<HTMLTextAreaElement>('[data-testid="weft-action-slack-text"]')!.value)).toBe('Add a dark mode (octocat/hello-world#2)');
    await screenshot(page, 'overlay-20-slack-sent-with-link');
    await page.close();
  });

  it('even a script holding the form’s nodes cannot submit it: click(), requestSubmit() and dispatched submits are ignored', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await clickInPanel(page, '[data-testid="weft-action-slack-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-slack-channel"]', 'C0WEFTENG01');
    await fillInPanel(page, '[data-testid="weft-action-slack-text"]', 'A script sends this');
    const before = stack.slack.listMessages('C0WEFTENG01').length;
    // A script that got hold of the panel (here: the extension's own world, which can open the closed root).
    await inPanel(page, (root) => {
      const button = root!.querySelector<HTMLButtonElement>('[data-testid="weft-action-slack-submit"]')!;
      const form = button.closest('form')!;
      button.click();
      form.requestSubmit();
      form.requestSubmit(button);
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    // Then the person, in other words: their post, sent after the script's tries and done,
    // is the signal that anything the script set off would have shown by now (a state in
    // the panel, its words at Slack).
    await fillInPanel(page, '[data-testid="weft-action-slack-text"]', 'Only the person sends this');
    await clickInPanel(page, '[data-testid="weft-action-slack-submit"]');
    await waitForState(page, 'weft-action-slack', 'done');
    expect(slackTexts(before)).toEqual([expect.stringContaining('Only the person sends this')]);
    expect(await panelTexts(page, '[data-testid="weft-action-slack"] [data-testid="weft-action-state"]')).toHaveLength(1);
    await page.close();
  });

  it('a person’s Enter in a field submits, as a real key press', async () => {
    const page = await openPage('https://github.com/octocat/hello-world/issues/2');
    await clickInPanel(page, '[data-testid="weft-action-task-toggle"]');
    await fillInPanel(page, '[data-testid="weft-action-task-subject"]', 'Call Jane about the dark mode');
    const before = stack.hubspot.listObjects('tasks').length;
    await page.keyboard.press('Enter');
    await waitForState(page, 'weft-action-task', 'done');
    expect(stack.hubspot.listObjects('tasks').slice(before).map((t) => t.properties.hs_task_subject)).toEqual(['Call Jane about the dark mode']);
    await page.close();
  });
});

describe('one submission, one action (item 14)', () => {
  it('a rapid triple click on "Create GitHub issue" creates exactly one issue; the button locks meanwhile, then the form resets', async () => {
    const page = await openPage('https://app.hubspot.com/contacts/62515/record/0-1/10002');
    await clickInPanel(page, '[data-testid="weft-action-create-issue-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-create-issue-repo"]', 'octocat/weft-demo');
    await fillInPanel(page, '[data-testid="weft-action-create-issue-title"]', 'Jane Doe: triple click');
    const before = stack.github.listIssues('octocat/weft-demo').length;
    // Three clicks 60 ms apart, as in the report: each after the previous one was handed to the background.
    const clickMs = await rapidClicks(page, '[data-testid="weft-action-create-issue-submit"]');
    await waitForState(page, 'weft-action-create-issue', 'done');
    const created = stack.github.listIssues('octocat/weft-demo').slice(before);
    expect(created.map((i) => i.title)).toEqual(['Jane Doe: triple click']);
    // All within the moment the button holds after "Sent" (the emulator answers within the burst).
    expect(clickMs).toBeLessThan(1_000);
    expect(await panelTexts(page, '[data-testid="weft-action-create-issue"] [data-testid="weft-action-state"]')).toEqual([expect.stringMatching(/^Sent/)]);
    // Reset for the next one; the button is free again.
    expect(await inPanel(page, (root) => (root!.querySelector('[data-testid="weft-action-create-issue-title"]') as HTMLInputElement).value)).toBe('Jane Doe: ');
    await waitInPanel(page, '[data-testid="weft-action-create-issue-submit"]:not([disabled]):not([aria-busy])');
    await screenshot(page, 'overlay-18-one-issue-per-submission');
    await page.close();
  });

  it('while the submission is in flight the button is disabled and aria-busy', async () => {
    const page = await openPage('https://app.hubspot.com/contacts/62515/record/0-1/10002');
    await clickInPanel(page, '[data-testid="weft-action-create-issue-toggle"]');
    await selectInPanel(page, '[data-testid="weft-action-create-issue-repo"]', 'octocat/weft-demo');
    await fillInPanel(page, '[data-testid="weft-action-create-issue-title"]', 'Jane Doe: while the server is away');
    // With the server down the submission waits in the outbox: in flight until it is sent.
    await stack.stopWeft();
    await clickInPanel(page, '[data-testid="weft-action-create-issue-submit"]');
    await waitForState(page, 'weft-action-create-issue', 'queued');
    const locked = await inPanel(page, (root) => {
      const b = root!.querySelector('[data-testid="weft-action-create-issue-submit"]') as HTMLButtonElement;
      return { disabled: b.disabled, busy: b.getAttribute('aria-busy') };
    });
    expect(locked).toEqual({ disabled: true, busy: 'true' });
    const before = stack.github.listIssues('octocat/weft-demo').length;
    await stack.startWeft();
    await waitForState(page, 'weft-action-create-issue', 'done', 60_000);
    expect(stack.github.listIssues('octocat/weft-demo').slice(before).map((i) => i.title)).toEqual(['Jane Doe: while the server is away']);
    await page.close();
  });
});

describe('a GitHub page that renders late (item 15)', () => {
  it('GitHub’s React issue view, rendered a second after load: the panel goes in its sidebar with the contact the body names', async () => {
    const page = await openRecordingHosts('https://github.com/octocat/hello-world/issues/102');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    expect(await panelTexts(page, '[data-testid="weft-deal"]')).toEqual([expect.stringContaining('Example Corp pilot')]);
    // In the sidebar, placed once: no launcher saying "none" while the page rendered.
    expect(await hostsSoFar(page)).toEqual(['weft-panel']);
    expect(await page.evaluate(() => document.querySelector('weft-panel')?.parentElement?.querySelector(':scope > [data-testid="sidebar-assignees-section"]') !== null)).toBe(true);
    expect(await panelTexts(page, '[data-testid="weft-crm-none"]')).toEqual([]);
    // This issue is not one GitHub's API knows: the actions take its title from the page (issue-title).
    await clickInPanel(page, '[data-testid="weft-action-slack-toggle"]');
    expect(await inPanel(page, (root) => root!.querySelector<HTMLTextAreaElement>('[data-testid="weft-action-slack-text"]')!.value)).toBe('Add a dark mode (octocat/hello-world#102)');
    await screenshot(page, 'overlay-19-react-issue-view');
    await page.close();
  });

  it('an in-app navigation by history.pushState with no soft-nav event runs the panel again for the new issue, once it has rendered', async () => {
    const issue = stack.github.seedIssue({ title: 'Bot replies twice', body: 'From hubot@github.com' });
    const page = await openPage('https://github.com/octocat/hello-world/issues/102');
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Jane Doe');
    // The app moves first and renders the new issue later, into the same elements; it fires no event.
    await page.evaluate((n: number) => history.pushState({}, '', `/octocat/hello-world/issues/${n}`), issue.number);
    await waitInPanel(page, '[data-testid="weft-reading"]', 'Reading the page…');
    await page.evaluate((n: number) => (window as any).renderIssue({ number: n, title: 'Bot replies twice', body: 'Hubot (hubot@github.com) answers every message twice.' }), issue.number);
    await waitInPanel(page, '[data-testid="weft-crm-contact-name"]', 'Hubot Robot');
    expect(await panelTexts(page, '[data-testid="weft-issue-summary"]')).toEqual([expect.stringContaining('Bot replies twice')]);
    expect(await panelTexts(page, '[data-testid="weft-crm-contact-name"]')).toEqual(['Hubot Robot']);
    expect(await page.evaluate(() => document.querySelectorAll('weft-panel, weft-launcher').length)).toBe(1);
    await page.close();
  });
});

describe('a HubSpot record whose sidebars fill in late (item 15)', () => {
  const inRightSidebar = (page: Page) => page.evaluate(() => document.querySelector('weft-panel')?.parentElement?.dataset.testId ?? null);

  it('columns rendered a second after load: the panel waits for the right sidebar and goes in it once, no launcher first', async () => {
    const page = await openRecordingHosts('https://app.hubspot.com/contacts/62515/record/0-1/10001');
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Mona Lisa Octocat');
    expect(await hostsSoFar(page)).toEqual(['weft-panel']);
    expect(await inRightSidebar(page)).toBe('records-right-sidebar');
    expect(await page.evaluate(() => document.querySelector('[data-test-id="records-right-sidebar"] > weft-panel + .card')?.textContent)).toContain('Companies (1)');
    await screenshot(page, 'overlay-21-hubspot-late-sidebar');
    await page.close();
  });

  it('moving to another record by history.pushState (the app clears the columns, then fills them a second later) shows the new record in the new sidebar', async () => {
    const page = await openRecordingHosts('https://app.hubspot.com/contacts/62515/record/0-1/10001');
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Mona Lisa Octocat');
    await page.evaluate(() => {
      history.pushState({}, '', '/contacts/62515/record/0-1/10003');
      document.querySelector('.record')!.replaceChildren('Loading…');
      setTimeout(() => (window as any).renderRecord({ name: 'Hubot Robot', title: 'Bot', email: 'hubot@github.com', company: 'GitHub · github.com' }), 1000);
    });
    await waitInPanel(page, '[data-testid="weft-record-name"]', 'Hubot Robot');
    expect(await panelTexts(page, '[data-testid="weft-record-name"]')).toEqual([expect.stringContaining('hubot@github.com')]);
    expect(await inRightSidebar(page)).toBe('records-right-sidebar');
    expect(await page.evaluate(() => document.querySelector('[data-test-id="left-sidebar"] h1')?.textContent)).toBe('Hubot Robot');
    // Placed twice (once per record), never as the launcher, and one at a time.
    expect(await hostsSoFar(page)).toEqual(['weft-panel', 'weft-panel']);
    expect(await page.evaluate(() => document.querySelectorAll('weft-panel, weft-launcher').length)).toBe(1);
    await page.close();
  });
});
