// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { db } from '@/lib/db';
import { toYaml } from '@@/shared/flows/parse';
import { detail } from '../fixtures';
import { allByTestId, byTestId, choose, click, mount, type, waitFor } from '../testing';
import { Editor } from './Editor';

const api = vi.hoisted(() => ({ saveDraft: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
const onSaved = vi.fn();
beforeEach(async () => {
  await db.delete();
  await db.open();
  api.saveDraft.mockReset();
  onSaved.mockReset();
  view = mount(<Editor integration={detail()} onSaved={onSaved} />);
});
afterEach(() => view.unmount());

const $ = (id: string) => byTestId(view.root, id);
const yaml = () => ($('yaml-text') as HTMLTextAreaElement).value;

describe('the integration editor', () => {
  it('a YAML error is shown at its line:column, the form closes until it is fixed, and Save waits', async () => {
    await click($('view-yaml'));
    const broken = yaml().replace('name: Urgent bugs to Slack', 'name: [Urgent bugs');
    await type($('yaml-text'), broken);
    await waitFor(() => expect(allByTestId(view.root, 'problem')).not.toHaveLength(0));
    const problem = allByTestId(view.root, 'problem')[0]!;
    expect(problem.textContent).toMatch(/^line \d+, column \d+: /);
    expect(Number(problem.dataset.line)).toBeGreaterThanOrEqual(2);
    expect(($('view-form') as HTMLButtonElement).disabled).toBe(true);
    expect(($('save-draft') as HTMLButtonElement).disabled).toBe(true);

    await type($('yaml-text'), broken.replace('name: [Urgent bugs', 'name: Urgent bugs, fixed'));
    await waitFor(() => expect(allByTestId(view.root, 'problem')).toHaveLength(0));
    await click($('view-form'));
    expect(($('doc-name') as HTMLInputElement).value).toBe('Urgent bugs, fixed');
  });

  it('clicking a problem puts the cursor at its line and column', async () => {
    await click($('view-yaml'));
    await type($('yaml-text'), 'weft: integration/v1\nname: x\nflows:\n  - id: [\n');
    await waitFor(() => expect(allByTestId(view.root, 'problem')).not.toHaveLength(0));
    const problem = allByTestId(view.root, 'problem')[0]!;
    await click(problem.querySelector('button'));
    const area = $('yaml-text') as HTMLTextAreaElement;
    const before = area.value.slice(0, area.selectionStart).split('\n');
    expect(before.length).toBe(Number(problem.dataset.line));
    expect(before.at(-1)!.length + 1).toBe(Number(problem.dataset.column));
  });

  it('a form edit rewrites the YAML, and Save sends that YAML as the draft', async () => {
    await type($('doc-name'), 'Urgent bugs, louder');
    await type($('step-input-text'), 'URGENT: {{trigger.issue.title}}');
    await click($('view-yaml'));
    expect(yaml()).toContain('name: Urgent bugs, louder');
    expect(yaml()).toContain('URGENT: {{trigger.issue.title}}');
    api.saveDraft.mockResolvedValue({ integration: detail({ name: 'Urgent bugs, louder' }) });
    await click($('save-draft'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.saveDraft).toHaveBeenCalledWith('int1', yaml());
    expect($('editor-saved')?.textContent).toBe('Draft saved');
  });

  it('a form edit is written into the YAML as typed: its comments and layout survive', async () => {
    await click($('view-yaml'));
    const commented = yaml()
      .replace('weft: integration/v1\n', '# Owned by the platform team.\nweft: integration/v1\n')
      .replace(/( +)- id: notify\n/, '$1# Keep this message short.\n$1- id: notify # the only step\n')
      .replace('labels:\n', '\n# Shown in the list.\nlabels:\n');
    expect(commented).not.toBe(yaml());
    await type($('yaml-text'), commented);
    await waitFor(() => expect(($('view-form') as HTMLButtonElement).disabled).toBe(false));
    await click($('view-form'));
    await type($('step-input-text'), 'URGENT: {{trigger.issue.title}}');
    await click($('view-yaml'));
    expect(yaml()).toBe(commented.replace('text: "New urgent bug: {{trigger.issue.title}}"', 'text: "URGENT: {{trigger.issue.title}}"'));
    expect($('yaml-rewritten')).toBeNull();
  });

  it('opens the draft as last saved in YAML, comments and all', async () => {
    view.unmount();
    const saved = `# Owned by the platform team.\n${toYaml(detail().draft)}`;
    view = mount(<Editor integration={detail({ draftYaml: saved })} onSaved={onSaved} />);
    await click($('view-yaml'));
    expect(yaml()).toBe(saved);
    // Opened as saved: nothing to save yet.
    expect(($('save-draft') as HTMLButtonElement).disabled).toBe(true);
  });

  it('when the YAML cannot take a form edit as written (an alias), it is written out again, and the editor says so once', async () => {
    await click($('view-yaml'));
    const aliased = yaml().replace('name: Urgent bugs to Slack\n', 'name: &title Urgent bugs to Slack # named once\n').replace('description: Posts every new issue labelled urgent.', 'description: *title');
    await type($('yaml-text'), aliased);
    await waitFor(() => expect(($('view-form') as HTMLButtonElement).disabled).toBe(false));
    await click($('view-form'));
    await type($('doc-description'), 'Posts urgent bugs.');
    await waitFor(() => expect($('yaml-rewritten')).not.toBeNull());
    await click($('yaml-rewritten-dismiss'));
    await type($('doc-category'), 'Support');
    expect($('yaml-rewritten')).toBeNull();
    await click($('view-yaml'));
    expect(yaml()).not.toContain('# named once');
    expect(yaml()).toContain('description: Posts urgent bugs.');
  });

  it('the step’s inputs come from its action’s schema, and changing the action starts them empty', async () => {
    expect(allByTestId(view.root, 'step-inputs')[0]!.querySelectorAll('[data-testid^="step-input-"]:not([data-testid$="-insert"])')).toHaveLength(3);
    await choose($('step-action'), 'github.comment');
    await waitFor(() => expect($('step-input-number')).not.toBeNull());
    expect(($('step-input-body') as HTMLTextAreaElement).value).toBe('');
    const insert = $('step-input-body-insert') as HTMLSelectElement;
    expect([...insert.options].map((o) => o.value)).toEqual(expect.arrayContaining(['config.channel', 'event.type']));
    choose(insert, 'config.channel');
    await waitFor(() => expect(($('step-input-body') as HTMLTextAreaElement).value).toBe('{{ config.channel }}'));
  });

  it('suggests the trigger’s fields: from the sample payload, then from the newest real event of its type in this browser', async () => {
    const insertOptions = () => [...($('step-input-text-insert') as HTMLSelectElement).options].map((o) => o.value);
    await waitFor(() => expect(insertOptions()).toEqual(expect.arrayContaining(['trigger.issue.title', 'trigger.issue.labels', 'trigger.repository.full_name'])));
    expect(insertOptions()).not.toContain('trigger.issue.acme_priority');
    await db.events.put({
      id: 5, type: 'github.issues.opened', provider: 'github', workspaceId: 'w1', connectionId: 'g1', deliveryId: 1, createdAt: '2026-01-01T00:00:00.000Z',
      summary: { title: 'Crash', subject: 'github:acme/app#1' } as never,
      payload: { action: 'opened', issue: { title: 'Crash', acme_priority: 'p0' }, repository: { full_name: 'acme/app' } },
    });
    await waitFor(() => expect(insertOptions()).toContain('trigger.issue.acme_priority'));
  });

  it('suggests each trigger kind’s fields: a schedule’s tick, a manual run’s input, a webhook’s body', async () => {
    const insert = () => [...($('step-input-text-insert') as HTMLSelectElement).options].map((o) => o.value);
    await choose($('trigger-type'), 'schedule');
    await waitFor(() => expect(insert()).toEqual(['', 'trigger.scheduledAt', 'trigger.firedAt', 'trigger.cron', 'trigger.timezone', 'config.channel', 'config.slack', 'config.github']));

    await choose($('trigger-type'), 'manual');
    await waitFor(() => expect(insert()).not.toContain('trigger.scheduledAt'));
    expect(insert().filter((o) => o.startsWith('trigger'))).toEqual([]);
    const onIssues = [...$('trigger-from')!.querySelectorAll('label')].find((l) => l.textContent === 'On a GitHub issue')!.querySelector('input')!;
    await click(onIssues);
    await waitFor(() => expect(insert()).toEqual(expect.arrayContaining(['trigger.repo', 'trigger.number', 'trigger.title', 'trigger.url'])));
    await type($('trigger-input-schema'), JSON.stringify({ type: 'object', properties: { reason: { type: 'string' } } }));
    await waitFor(() => expect(insert()).toContain('trigger.reason'));

    await choose($('trigger-type'), 'webhook');
    await waitFor(() => expect($('any-body')).not.toBeNull());
    const options = [...($('step-input-text-insert') as HTMLSelectElement).options];
    expect(options.filter((o) => o.value.startsWith('trigger')).map((o) => [o.value, o.textContent])).toEqual([['trigger', 'trigger: any field of the request body (trigger.<field>)']]);
    await type($('trigger-sample'), '{"deploy": {"service": "api"}}');
    await waitFor(() => expect(insert()).toEqual(expect.arrayContaining(['trigger.deploy', 'trigger.deploy.service'])));
    expect($('any-body')).toBeNull();
    expect(insert()).not.toContain('trigger');
  });

  it('the trigger’s condition offers bare paths to insert, not templates', async () => {
    await type($('trigger-if'), '');
    await choose($('trigger-if-insert'), 'trigger.issue.title');
    await waitFor(() => expect(($('trigger-if') as HTMLInputElement).value).toBe('trigger.issue.title'));
    expect([...($('trigger-if-insert') as HTMLSelectElement).options].some((o) => o.value.startsWith('steps.'))).toBe(false);
  });

  it('an event type with no sample and no event seen says so, and suggests config and earlier steps', async () => {
    await type($('trigger-event'), 'custom.deploys');
    await waitFor(() => expect($('no-sample')).not.toBeNull());
    expect([...($('step-input-text-insert') as HTMLSelectElement).options].map((o) => o.value).slice(1)).toEqual(['event.id', 'event.type', 'event.receivedAt', 'config.channel', 'config.slack', 'config.github']);
  });

  it('a refusal from the server lists its problems at line:column and opens the YAML view', async () => {
    await type($('doc-name'), 'Changed');
    api.saveDraft.mockRejectedValue(
      new ApiError(400, 'invalid_document', 'The document is not valid.', undefined, {
        code: 'invalid_document',
        message: 'The document is not valid.',
        problems: [{ message: 'slack.post_mesage is not a catalog action.', path: ['flows', 0, 'steps', 0, 'action'], line: 21, column: 17 }],
      }),
    );
    await click($('save-draft'));
    await waitFor(() => expect($('yaml-view')).not.toBeNull());
    expect(allByTestId(view.root, 'problem').map((p) => p.textContent)).toEqual(['line 21, column 17: slack.post_mesage is not a catalog action.']);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('with unsaved edits, a link away from the integration asks first; its own tabs do not', async () => {
    const links = document.createElement('nav');
    for (const [id, href] of [['away', '#/'], ['tab', '#/integrations/int1/versions']]) {
      const a = document.createElement('a');
      a.id = id!;
      a.href = href!;
      links.append(a);
    }
    document.body.append(links);
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    try {
      const follow = (id: string) => {
        const event = new MouseEvent('click', { bubbles: true, cancelable: true });
        document.getElementById(id)!.dispatchEvent(event);
        return !event.defaultPrevented;
      };
      expect(follow('away')).toBe(true);
      expect(confirm).not.toHaveBeenCalled();
      await type($('doc-name'), 'Changed');
      // The guard is set once the edit has rendered (an effect).
      await waitFor(() => expect(follow('away')).toBe(false));
      expect(confirm).toHaveBeenCalledWith('Leave without saving? Your changes to the draft will be lost.');
      const asked = confirm.mock.calls.length;
      expect(follow('tab')).toBe(true);
      expect(confirm).toHaveBeenCalledTimes(asked);
    } finally {
      vi.unstubAllGlobals();
      links.remove();
    }
  });
});
