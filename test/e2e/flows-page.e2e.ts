import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { click, openPopup, type, waitForText } from '../support/popup-steps';
import { ARTIFACTS, screenshot, startStack, type Stack } from './harness';
import { connectOAuth, signInExtension, signUp, type Auth } from './overlay-setup';

/**
 * The Flows page (issue 10) in Chromium with the production build: opened from the popup,
 * an integration written as YAML (a mistake shown at its line and column, then fixed),
 * published, deployed with the user's Slack connection, run by hand, and its run read
 * step by step; then imported from a file, forked, and deleted with a confirmation that
 * names the instance it removes.
 */
let stack: Stack;
let auth: Auth;
let flows: Page;

/** An integration of one manual flow posting to Slack; `channel` is a config variable. */
const integrationYaml = `weft: integration/v1
name: Deploy notes to Slack
description: Posts a note about a deploy.
category: Engineering
labels: [slack, deploys]
configVars:
  - { key: channel, label: Slack channel, type: string, default: C0WEFTENG01 }
  - { key: slack, label: Slack, type: connection, provider: slack }
flows:
  - id: note
    name: Post a deploy note
    trigger:
      type: manual
      # What the popup's form asks for: publishing checks trigger.version against it.
      inputSchema: { type: object, properties: { version: { type: string, title: Version } }, required: [version] }
    steps:
      - id: post
        action: slack.post_message
        connection: slack
        input:
          channel: '{{config.channel}}'
          text: 'Deployed {{trigger.version}}'
`;
/** The same text with a YAML mistake on line 10 (a flow item that opens a list and never closes it). */
const broken = integrationYaml.replace('  - id: note\n', '  - id: [note\n');

const $ = (id: string) => `[data-testid="${id}"]`;

/** Replaces the YAML text as a paste would: the whole value, then one input event. */
async function pasteYaml(page: Page, text: string) {
  await page.waitForSelector($('yaml-text'), { visible: true });
  await page.$eval(
    $('yaml-text'),
    (el, value) => {
      const area = el as HTMLTextAreaElement;
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

beforeAll(async () => {
  stack = await startStack({ slack: true });
  auth = await signUp(stack, 'flo@example.com');
  await connectOAuth(stack, auth, 'slack');
  await signInExtension(stack, auth);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && flows) await screenshot(flows, `failed-flows-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await stack?.close();
});

describe('the Flows page (issue 10)', () => {
  it('opens from the popup in a tab of its own', async () => {
    const popup = await openPopup(stack);
    await waitForText(popup, $('user-email'), 'flo@example.com');
    const opened = stack.browser.waitForTarget((t) => t.url().startsWith(stack.extensionUrl('flows.html')));
    await click(popup, $('open-flows'));
    flows = (await (await opened).page())!;
    await flows.setViewport({ width: 1280, height: 900 });
    await waitForText(flows, $('flows-user'), 'flo@example.com');
    await flows.waitForSelector($('integrations-empty'), { visible: true });
    await screenshot(flows, 'flows-01-empty');
  });

  it('a new integration written as YAML: the mistake is shown at its line and column, the fixed text is saved', async () => {
    await click(flows, $('new-integration'));
    await flows.waitForSelector($('editor'), { visible: true });
    await screenshot(flows, 'flows-02-editor-form');
    await click(flows, $('view-yaml'));
    await pasteYaml(flows, broken);
    await waitForText(flows, $('problem'), /^line 1[01], column \d+: /);
    const problem = await flows.$eval($('problem'), (el) => ({ text: el.textContent, line: (el as HTMLElement).dataset.line }));
    expect(Number(problem.line)).toBeGreaterThanOrEqual(10);
    expect(await flows.$eval($('save-draft'), (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await screenshot(flows, 'flows-03-yaml-error');

    await pasteYaml(flows, integrationYaml);
    await flows.waitForFunction((sel) => !document.querySelector(sel), { polling: 50, timeout: 5_000 }, $('problem'));
    await click(flows, $('save-draft'));
    await waitForText(flows, $('editor-saved'), 'Draft saved');
    await waitForText(flows, $('integration-name'), 'Deploy notes to Slack');
    // The form shows the saved document, the step's inputs generated from slack.post_message's schema.
    await click(flows, $('view-form'));
    expect(await flows.$eval($('step-input-text'), (el) => (el as HTMLTextAreaElement).value)).toBe('Deployed {{trigger.version}}');
    await screenshot(flows, 'flows-04-saved-form');
    await flows.screenshot({ path: `${ARTIFACTS}/flows-04b-saved-form-full.png`, fullPage: true });
  });

  it('a comment written in the YAML is still there after the page is reloaded', async () => {
    await click(flows, $('view-yaml'));
    const commented = `# Owned by the release team: ask in #deploys before changing.\n${integrationYaml}`;
    await pasteYaml(flows, commented);
    await click(flows, $('save-draft'));
    await waitForText(flows, $('editor-saved'), 'Draft saved');
    await flows.reload();
    await flows.waitForSelector($('editor'), { visible: true });
    await click(flows, $('view-yaml'));
    await flows.waitForSelector($('yaml-text'), { visible: true });
    expect(await flows.$eval($('yaml-text'), (el) => (el as HTMLTextAreaElement).value)).toBe(commented);
    expect(await flows.$eval($('save-draft'), (el) => (el as HTMLButtonElement).disabled)).toBe(true);
  });

  it('publishes version 1 with a note, and the list finds it by label', async () => {
    await click(flows, $('tab-versions'));
    await type(flows, $('publish-note'), 'First cut');
    await click(flows, $('publish'));
    await waitForText(flows, $('published'), 'Published version 1.');
    await waitForText(flows, `${$('version-row')}[data-version="1"] ${$('version-note')}`, 'First cut');
    await click(flows, `${$('version-row')}[data-version="1"] ${$('version-view')}`);
    // The text it was published from, its comment kept.
    await waitForText(flows, $('version-yaml'), "text: 'Deployed {{trigger.version}}'");
    expect(await flows.$eval($('version-yaml'), (el) => el.textContent)).toContain('# Owned by the release team');
    await screenshot(flows, 'flows-05-versions');

    await click(flows, $('nav-integrations'));
    await type(flows, $('integration-search'), 'deploys');
    await waitForText(flows, $('integration-row'), 'Deploy notes to Slack');
    await type(flows, $('integration-search'), 'hubspot');
    await flows.waitForSelector($('integrations-no-match'), { visible: true });
    await type(flows, $('integration-search'), 'slack');
    await waitForText(flows, $('integration-row'), 'Deploy notes to Slack');
    await screenshot(flows, 'flows-05b-list');

    // The search is the server's: an integration made after the list was loaded is found by it.
    const headers = { authorization: `Bearer ${auth.token}` };
    const made = await fetch(`${stack.weft.url}/api/integrations`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/yaml' },
      body: integrationYaml.replace('name: Deploy notes to Slack', 'name: Quarterly audit notes'),
    });
    expect(made.status).toBe(201);
    await type(flows, $('integration-search'), 'quarterly audit');
    await waitForText(flows, $('integration-row'), 'Quarterly audit notes');
    expect(await flows.$$eval($('integration-row'), (rows) => rows.length)).toBe(1);
    await type(flows, $('integration-search'), 'quarterly nowhere');
    await waitForText(flows, $('integrations-no-match'), 'No integration matches “quarterly nowhere”.');
    const { integration } = await made.json();
    expect((await fetch(`${stack.weft.url}/api/integrations/${integration.id}`, { method: 'DELETE', headers })).status).toBe(200);
    await type(flows, $('integration-search'), 'slack');
    await waitForText(flows, $('integration-row'), 'Deploy notes to Slack');
  });

  it('deploys it with the user’s Slack connection; a manual run posts once and shows its step', async () => {
    await click(flows, $('integration-open'));
    await click(flows, $('tab-instances'));
    await click(flows, $('deploy-open'));
    await flows.waitForSelector($('config-slack'), { visible: true });
    // The only Slack connection is chosen for the user; GitHub's would not be offered here.
    await flows.waitForFunction((sel) => (document.querySelector(sel) as HTMLSelectElement).value !== '', { polling: 50, timeout: 5_000 }, $('config-slack'));
    await screenshot(flows, 'flows-06-deploy');
    await click(flows, $('deploy-submit'));
    await waitForText(flows, $('deployed'), 'Deployed “Deploy notes to Slack” (v1).');
    await waitForText(flows, $('instance-status'), 'Active');
    await screenshot(flows, 'flows-07-instances');

    const { instances } = await (await fetch(`${stack.weft.url}/api/instances`, { headers: { authorization: `Bearer ${auth.token}` } })).json();
    expect(instances).toHaveLength(1);
    const run = await fetch(`${stack.weft.url}/api/instances/${instances[0].id}/flows/note/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { version: '2.4.1' } }),
    });
    expect(run.status).toBeLessThan(300);

    await click(flows, $('tab-runs'));
    // The run finishes on the server's job engine; Refresh re-reads the list until it says so.
    await flows.waitForFunction(
      (row, refresh) => {
        if (document.querySelector(`${row} [data-status="succeeded"]`)) return true;
        (document.querySelector(refresh) as HTMLButtonElement | null)?.click();
        return false;
      },
      { polling: 500, timeout: 20_000 },
      $('run-row'),
      $('runs-refresh'),
    );
    expect(stack.slack.listMessages('#eng').map((m) => m.text)).toEqual(['Deployed 2.4.1']);
    await click(flows, $('run-open'));
    await waitForText(flows, $('run-step-status'), 'Succeeded');
    await click(flows, `${$('run-step')} details summary`);
    await waitForText(flows, $('run-step-input'), '"text": "Deployed 2.4.1"');
    await screenshot(flows, 'flows-08-run');
  });

  it('a form edit published as version 2: the diff shows the changed line; the instance upgrades, then rolls back', async () => {
    await click(flows, $('run-integration'));
    await click(flows, $('tab-edit'));
    await click(flows, $('view-form'));
    await type(flows, $('step-input-text'), 'Shipped {{trigger.version}}');
    await click(flows, $('save-draft'));
    await waitForText(flows, $('editor-saved'), 'Draft saved');
    await click(flows, $('tab-versions'));
    await type(flows, $('publish-note'), 'Shipped, not deployed');
    await click(flows, $('publish'));
    await waitForText(flows, $('published'), 'Published version 2.');
    await waitForText(flows, $('diff-summary'), '1 line removed, 1 added');
    const changed = await flows.$$eval(`${$('diff')} li:is([data-kind="removed"], [data-kind="added"])`, (lines) => lines.map((l) => `${(l as HTMLElement).dataset.kind}: ${l.lastElementChild!.textContent}`));
    expect(changed).toEqual(["removed:           text: Deployed {{trigger.version}}", "added:           text: Shipped {{trigger.version}}"]);
    await screenshot(flows, 'flows-08b-diff');

    await click(flows, $('tab-instances'));
    await waitForText(flows, $('instance-version'), 'v1');
    await flows.select($('instance-target-version'), '2');
    await click(flows, $('instance-change-version'));
    await waitForText(flows, $('instance-version'), 'v2');
    await flows.select($('instance-target-version'), '1');
    await waitForText(flows, $('instance-change-version'), 'Roll back to v1');
    await click(flows, $('instance-change-version'));
    await waitForText(flows, $('instance-version'), 'v1');
    await click(flows, $('instance-toggle'));
    await waitForText(flows, $('instance-status'), 'Disabled');
    await click(flows, $('instance-toggle'));
    await waitForText(flows, $('instance-status'), 'Active');
  });

  it('a branch is edited in the form: a case’s condition and a step inside it are saved in the draft', async () => {
    await click(flows, $('tab-edit'));
    await click(flows, $('view-form'));
    const topList = `${$('step-list')}[data-depth="0"]`;
    await click(flows, `${topList} > .row > ${$('add-step-branch')}`);
    const branch = `${$('step')}[data-step-id="step2"]`;
    await flows.waitForSelector(`${branch} ${$('branch-case')}`, { visible: true });
    await type(flows, `${branch} ${$('branch-if')}`, 'trigger.version.startsWith("2.")');
    await click(flows, `${branch} ${$('step-list')}[data-depth="1"] > .row > ${$('add-step-delay')}`);
    await type(flows, `${branch} ${$('step')}[data-step-id="step3"] ${$('step-delay')}`, '10m');
    await screenshot(flows, 'flows-08c-branch-form');
    await click(flows, $('save-draft'));
    await waitForText(flows, $('editor-saved'), 'Draft saved');
    const id = (await flows.evaluate(() => location.hash)).split('/')[2];
    const saved = await (await fetch(`${stack.weft.url}/api/integrations/${id}`, { headers: { authorization: `Bearer ${auth.token}` } })).json();
    expect(saved.integration.draft.flows[0].steps[1]).toEqual({ id: 'step2', branch: [{ if: 'trigger.version.startsWith("2.")', steps: [{ id: 'step3', delay: '10m' }] }] });
  });

  it('imports a YAML file, forks it, and deleting the original names the instance it removes', async () => {
    await click(flows, $('nav-integrations'));
    // The search still says "slack" from before; a space lists everything again.
    await type(flows, $('integration-search'), ' ');
    const file = path.join(stack.dataDir, 'standup.yaml');
    writeFileSync(file, integrationYaml.replace('name: Deploy notes to Slack', 'name: Standup notes'));
    const input = (await flows.waitForSelector($('import-file'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await waitForText(flows, $('integration-name'), 'Standup notes');
    await click(flows, $('nav-integrations'));
    await waitForText(flows, $('integration-row'), 'Standup notes');

    await flows.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((r) => r.textContent?.includes('Deploy notes to Slack')), { polling: 50, timeout: 5_000 }, $('integration-row'));
    const rowOf = async (name: string) => {
      const rows = await flows.$$($('integration-row'));
      for (const row of rows) if ((await row.$eval('[data-testid="integration-open"]', (a) => a.textContent)) === name) return row;
      throw new Error(`no row named ${name}`);
    };
    await (await (await rowOf('Deploy notes to Slack')).$($('integration-fork')))!.click();
    await flows.waitForFunction(() => location.hash.startsWith('#/integrations/'), { polling: 50, timeout: 5_000 });
    await waitForText(flows, $('integration-name'), 'Deploy notes to Slack');
    await click(flows, $('nav-integrations'));
    await flows.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, { polling: 50, timeout: 5_000 }, $('integration-row'));

    // The original, deployed once: its delete names that instance before it can be confirmed.
    const deployed = await flows.waitForFunction(
      (sel) => [...document.querySelectorAll(sel)].find((r) => r.textContent?.includes('1 instance')),
      { polling: 50, timeout: 5_000 },
      $('integration-row'),
    );
    await (await (deployed as ElementHandle<Element>).$($('integration-delete')))!.click();
    await waitForText(flows, $('delete-instance-name'), 'Deploy notes to Slack');
    await screenshot(flows, 'flows-09-delete-confirm');
    await click(flows, $('integration-confirm-delete'));
    await flows.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, { polling: 50, timeout: 5_000 }, $('integration-row'));
    const { instances } = await (await fetch(`${stack.weft.url}/api/instances`, { headers: { authorization: `Bearer ${auth.token}` } })).json();
    expect(instances).toEqual([]);
  });

  it('the template gallery lists the built-in templates, each asking only for its connections and config', async () => {
    await click(flows, $('nav-templates'));
    await waitForText(flows, $('template-name'), 'Slack');
    await click(flows, $('template-install'));
    await flows.waitForSelector($('install-form'), { visible: true });
    await screenshot(flows, 'flows-10-templates');
  });
});
