// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { LIMITS, type IntegrationDocument, type Step } from '@@/shared/flows/document';
import { db } from '@/lib/db';
import { detail, urgentBugs } from '../fixtures';
import { allByTestId, byTestId, click, mount, type, waitFor } from '../testing';
import { Editor } from './Editor';

vi.mock('@/lib/flows-api', () => ({ flowsApi: { saveDraft: vi.fn() } }));

const post = (id: string, text: string): Step => ({ id, action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text } });

/** A flow that branches on the urgent label, then loops over the labels. */
const triage = (steps?: Step[]): IntegrationDocument => ({
  ...urgentBugs,
  flows: [
    {
      id: 'triage',
      name: 'Triage',
      trigger: { type: 'event', event: 'github.issues.opened', connection: 'github' },
      steps: steps ?? [
        { id: 'pick', branch: [{ if: 'trigger.issue.labels.exists(l, l.name == "urgent")', steps: [post('page', 'Urgent: {{trigger.issue.title}}')] }, { steps: [{ id: 'later', delay: '1h' }] }] },
        { id: 'each', forEach: { items: 'trigger.issue.labels', steps: [post('tell', 'Label {{item.name}}')] } },
      ],
    },
  ],
});

let view: ReturnType<typeof mount>;
beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => view.unmount());

function open(doc: IntegrationDocument) {
  view = mount(<Editor integration={detail({ draft: doc })} onSaved={() => {}} />);
}
const $ = (id: string, root: ParentNode = view.root) => byTestId(root, id);
const step = (id: string) => view.root.querySelector<HTMLElement>(`[data-step-id="${id}"]`)!;
/** A list's own "Add …" button (not one of a list nested in it). */
const addButton = (list: Element, kind: string) => list.querySelector<HTMLButtonElement>(`:scope > .row > [data-testid="add-step-${kind}"]`)!;
const topList = () => view.root.querySelector<HTMLElement>('[data-testid="step-list"][data-depth="0"]')!;
/** The flow's steps as the YAML view holds them. */
async function yamlSteps(): Promise<Step[]> {
  await click($('view-yaml'));
  const steps = (parse(($('yaml-text') as HTMLTextAreaElement).value) as IntegrationDocument).flows[0]!.steps;
  await click($('view-form'));
  return steps;
}

describe('branch and forEach steps in the form view', () => {
  it('a branch shows its cases, each a condition and its steps, edited with the same step editor', async () => {
    open(triage());
    const cases = allByTestId(step('pick'), 'branch-case');
    expect(cases).toHaveLength(2);
    expect(($('branch-if', cases[0]) as HTMLInputElement).value).toBe('trigger.issue.labels.exists(l, l.name == "urgent")');
    expect(($('branch-if', cases[1]) as HTMLInputElement).value).toBe('');
    expect(cases[1]!.querySelector('legend')!.textContent).toBe('Case 2 (otherwise)');
    expect(($('step-input-text', step('page')) as HTMLTextAreaElement).value).toBe('Urgent: {{trigger.issue.title}}');

    await type($('branch-if', cases[0]), 'size(trigger.issue.assignees) == 0');
    await type($('step-input-text', step('page')), 'Nobody on: {{trigger.issue.title}}');
    await type($('step-delay', step('later')), '2h');
    const [pick] = await yamlSteps();
    expect(pick).toEqual({ id: 'pick', branch: [{ if: 'size(trigger.issue.assignees) == 0', steps: [post('page', 'Nobody on: {{trigger.issue.title}}')] }, { steps: [{ id: 'later', delay: '2h' }] }] });
  });

  it('cases are added before the otherwise case, moved and removed; steps are added inside a case with an id new to the flow', async () => {
    open(triage());
    await click($('branch-case-add', step('pick')));
    let cases = allByTestId(step('pick'), 'branch-case');
    expect(cases.map((c) => ($('branch-if', c) as HTMLInputElement).value)).toEqual(['trigger.issue.labels.exists(l, l.name == "urgent")', 'true', '']);
    await click(addButton(cases[1]!.querySelector('[data-testid="step-list"]')!, 'delay'));
    await click($('branch-case-up', allByTestId(step('pick'), 'branch-case')[1]));
    cases = allByTestId(step('pick'), 'branch-case');
    expect(cases.map((c) => allByTestId(c, 'step').map((s) => s.dataset.stepId))).toEqual([['step6'], ['page'], ['later']]);
    await click($('branch-case-remove', cases[2]));
    let [pick] = await yamlSteps();
    expect(pick).toEqual({ id: 'pick', branch: [{ if: 'true', steps: [{ id: 'step6', delay: '5m' }] }, { if: 'trigger.issue.labels.exists(l, l.name == "urgent")', steps: [post('page', 'Urgent: {{trigger.issue.title}}')] }] });
    await click($('branch-case-remove', step('pick')));
    expect(allByTestId(step('pick'), 'branch-case')).toHaveLength(1);
    expect(($('branch-case-remove', step('pick')) as HTMLButtonElement).disabled).toBe(true);
    [pick] = await yamlSteps();
    expect('branch' in pick! && pick.branch).toHaveLength(1);
  });

  it('a forEach shows what it loops over and its steps; inside, item (with the sample item’s fields), index and the steps that finished before are suggested', async () => {
    open(triage());
    expect(($('foreach-items', step('each')) as HTMLInputElement).value).toBe('trigger.issue.labels');
    const insert = (id: string) => [...($('step-input-text-insert', step(id)) as HTMLSelectElement).options].map((o) => o.value);
    expect(insert('tell')).toEqual(expect.arrayContaining(['item', 'item.name', 'item.color', 'index', 'steps.pick', 'steps.page', 'steps.later']));
    expect(insert('tell')).not.toContain('steps.each');
    expect(insert('tell')).not.toContain('steps.tell');
    // In a branch case: no item, and the branch itself has not finished.
    expect(insert('page')).not.toContain('item');
    expect(insert('page')).not.toContain('steps.pick');
    // After the loop, its inner steps are not one output: only the loop's own.
    await click(addButton(topList(), 'action'));
    expect(insert('step6')).toEqual(expect.arrayContaining(['steps.pick', 'steps.each', 'steps.page']));
    expect(insert('step6')).not.toContain('steps.tell');

    await type($('foreach-items', step('each')), 'trigger.issue.assignees');
    await waitFor(() => expect(insert('tell')).toContain('item.login'));
    await type($('step-input-text', step('tell')), 'Assigned: {{item.login}} ({{index}})');
    const [, each] = await yamlSteps();
    expect(each).toEqual({ id: 'each', forEach: { items: 'trigger.issue.assignees', steps: [post('tell', 'Assigned: {{item.login}} ({{index}})')] } });
  });

  it(`keeps the document's limits and says so: ${LIMITS.stepNesting} levels of nesting, ${LIMITS.branchCases} cases`, async () => {
    // Nested as deep as the schema allows: the innermost list's steps have four branch / forEach steps around them.
    let inner: Step[] = [{ id: 'deep', delay: '1m' }];
    for (let d = 4; d >= 1; d--) inner = [d % 2 ? { id: `b${d}`, branch: [{ steps: inner }] } : { id: `l${d}`, forEach: { items: '[]', steps: inner } }];
    open(triage(inner));
    const lists = allByTestId(view.root, 'step-list');
    const deepest = lists.find((l) => l.dataset.depth === String(LIMITS.stepNesting - 1))!;
    expect(deepest).toBeDefined();
    expect(addButton(deepest, 'branch').disabled).toBe(true);
    expect(addButton(deepest, 'forEach').disabled).toBe(true);
    expect(addButton(deepest, 'delay').disabled).toBe(false);
    expect($('step-nesting-limit', deepest)!.textContent).toBe(`Branches and loops nest ${LIMITS.stepNesting} deep at most: none can be added inside this one.`);
    const above = lists.find((l) => l.dataset.depth === String(LIMITS.stepNesting - 2))!;
    expect(addButton(above, 'branch').disabled).toBe(false);
    expect(above.querySelector(':scope > [data-testid="step-nesting-limit"]')).toBeNull();

    view.unmount();
    open(triage([{ id: 'many', branch: Array.from({ length: LIMITS.branchCases }, (_, i) => ({ if: `${i} == 1`, steps: [] })) }]));
    expect(($('branch-case-add') as HTMLButtonElement).disabled).toBe(true);
    expect($('branch-case-limit')!.textContent).toBe(`A branch has ${LIMITS.branchCases} cases at most.`);
  });
});
