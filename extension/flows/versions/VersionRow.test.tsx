// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { version } from '../fixtures';
import { byTestId, click, mount, waitFor } from '../testing';
import { VersionRow } from './VersionRow';

const api = vi.hoisted(() => ({ updateVersion: vi.fn(), versionYaml: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

describe('a version', () => {
  it('the available and template switches send one change each', async () => {
    const onChanged = vi.fn();
    api.updateVersion.mockResolvedValue({ version: { ...version(2, { available: false }), document: {} } });
    view = mount(<VersionRow integrationId="int1" version={version(2)} viewing={false} onView={() => {}} onChanged={onChanged} />);
    await click(byTestId(view.root, 'version-available'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(api.updateVersion).toHaveBeenLastCalledWith('int1', 2, { available: false });
    await click(byTestId(view.root, 'version-template'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(api.updateVersion).toHaveBeenLastCalledWith('int1', 2, { template: true });
  });

  it('a refused change says why, and its YAML is shown as text', async () => {
    api.updateVersion.mockRejectedValue(new ApiError(409, 'conflict', 'Version 2 is deployed by 1 instance: upgrade it first.'));
    api.versionYaml.mockResolvedValue('name: <b>x</b>\n');
    view = mount(<VersionRow integrationId="int1" version={version(2)} viewing onView={() => {}} onChanged={() => {}} />);
    await click(byTestId(view.root, 'version-available'));
    await waitFor(() => expect(byTestId(view.root, 'version-toggle-error')?.textContent).toBe('Version 2 is deployed by 1 instance: upgrade it first.'));
    await waitFor(() => expect(byTestId(view.root, 'version-yaml')?.textContent).toBe('name: <b>x</b>\n'));
    expect(view.root.querySelector('b')).toBeNull();
  });
});
