// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, choose, mount, waitFor } from '../testing';
import { VersionCompare } from './VersionCompare';

const tail = Array.from({ length: 10 }, (_, i) => `  - step${i}`).join('\n');
const yamlOf: Record<number, string> = {
  1: `name: Urgent bugs\nchannel: C1\nflows: []\n${tail}\n`,
  2: `name: Urgent bugs\nchannel: C2\nflows: []\n${tail}\n`,
  3: `name: Urgent bugs\nchannel: C2\nflows: []\n${tail}\nlabels: [slack]\n`,
};
const api = vi.hoisted(() => ({ versionYaml: vi.fn(async (_id: string, n: number) => yamlOf[n]!) }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

const lines = () => allByTestId(view.root, 'diff')[0]!.querySelectorAll('li');
const mark = { added: '+', removed: '-', same: ' ', gap: '' } as Record<string, string>;
const shown = () => [...lines()].map((li) => `${mark[li.dataset.kind!]}${li.lastElementChild!.textContent}`);

describe('comparing two versions', () => {
  it('shows the previous version against the newest, line by line, then any two chosen', async () => {
    view = mount(<VersionCompare integrationId="int1" versions={[3, 2, 1]} />);
    // The unchanged lines far from the change are folded.
    await waitFor(() => expect(shown()).toEqual(['… 10 unchanged lines', '   - step7', '   - step8', '   - step9', '+labels: [slack]']));
    expect(byTestId(view.root, 'diff-summary')?.textContent).toBe('0 lines removed, 1 added');
    await choose(byTestId(view.root, 'diff-from'), '1');
    await waitFor(() => expect(shown()).toEqual([' name: Urgent bugs', '-channel: C1', '+channel: C2', ' flows: []', '   - step0', '   - step1', '… 5 unchanged lines', '   - step7', '   - step8', '   - step9', '+labels: [slack]']));
    expect(byTestId(view.root, 'diff-summary')?.textContent).toBe('1 line removed, 2 added');
    expect(api.versionYaml).toHaveBeenCalledWith('int1', 1);
  });
});
