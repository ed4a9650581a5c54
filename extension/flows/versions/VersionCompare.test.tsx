// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, choose, mount, waitFor } from '../testing';
import { VersionCompare } from './VersionCompare';

const steps = Array.from({ length: 10 }, (_, i) => `step${i}`);
/** Each version's document (what the JSON route gives); 4 has 3's document, published from a differently laid-out text. */
const documentOf: Record<number, object> = {
  1: { name: 'Urgent bugs', channel: 'C1', flows: [], steps },
  2: { name: 'Urgent bugs', channel: 'C2', flows: [], steps },
  3: { name: 'Urgent bugs', channel: 'C2', flows: [], steps, labels: ['slack'] },
  4: { name: 'Urgent bugs', channel: 'C2', flows: [], steps, labels: ['slack'] },
};
const api = vi.hoisted(() => ({ version: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));
api.version.mockImplementation(async (_id: string, n: number) => ({ version: { version: n, document: documentOf[n]! } }));

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

const lines = () => allByTestId(view.root, 'diff')[0]?.querySelectorAll('li') ?? [];
const mark = { added: '+', removed: '-', same: ' ', gap: '' } as Record<string, string>;
const shown = () => [...lines()].map((li) => `${mark[li.dataset.kind!]}${li.lastElementChild!.textContent}`);

describe('comparing two versions', () => {
  it('shows the previous version against the newest, line by line, then any two chosen', async () => {
    view = mount(<VersionCompare integrationId="int1" versions={[3, 2, 1]} />);
    // The unchanged lines far from the change are folded.
    await waitFor(() => expect(shown()).toEqual(['… 11 unchanged lines', '   - step7', '   - step8', '   - step9', '+labels:', '+  - slack']));
    expect(byTestId(view.root, 'diff-summary')?.textContent).toBe('0 lines removed, 2 added');
    await choose(byTestId(view.root, 'diff-from'), '1');
    await waitFor(() => expect(shown()).toContain('-channel: C1'));
    expect(shown().slice(0, 4)).toEqual([' name: Urgent bugs', '-channel: C1', '+channel: C2', ' flows: []']);
    expect(byTestId(view.root, 'diff-summary')?.textContent).toBe('1 line removed, 3 added');
    expect(api.version).toHaveBeenCalledWith('int1', 1);
  });

  it('compares documents, not the texts they were published from: comments and layout are no change', async () => {
    view = mount(<VersionCompare integrationId="int1" versions={[4, 3]} />);
    await waitFor(() => expect(byTestId(view.root, 'diff-summary')?.textContent).toBe('The same document.'));
  });
});
