// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instance, version } from '../fixtures';
import { byTestId, choose, click, mount, waitFor } from '../testing';
import { InstanceRow } from './InstanceRow';

const api = vi.hoisted(() => ({ updateInstance: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
const onChanged = vi.fn();
beforeEach(() => {
  api.updateInstance.mockReset();
  onChanged.mockReset();
  view = mount(<InstanceRow instance={instance('i1', 'Acme', { version: 2 })} versions={[version(3), version(2), version(1, { available: false })]} onChanged={onChanged} />);
});
afterEach(() => view.unmount());

const $ = (id: string) => byTestId(view.root, id);
const options = () => [...($('instance-target-version') as HTMLSelectElement).options].map((o) => o.value);

describe('a deployed instance', () => {
  it('offers available versions and its own; upgrade and roll back are a change of version', async () => {
    expect(options()).toEqual(['3', '2']);
    expect($('instance-change-version')).toBeNull();
    await choose($('instance-target-version'), '3');
    expect($('instance-change-version')?.textContent).toBe('Upgrade to v3');
    api.updateInstance.mockResolvedValue({ instance: instance('i1', 'Acme', { version: 3 }), signingSecret: null });
    await click($('instance-change-version'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateInstance).toHaveBeenCalledWith('i1', { version: 3 });
  });

  it('disables an active instance, and shows the secret an upgrade reveals once before moving on', async () => {
    api.updateInstance.mockResolvedValue({ instance: instance('i1', 'Acme', { status: 'disabled' }), signingSecret: null });
    await click($('instance-toggle'));
    await waitFor(() => expect(api.updateInstance).toHaveBeenCalledWith('i1', { enabled: false }));

    api.updateInstance.mockResolvedValue({ instance: instance('i1', 'Acme', { version: 3 }), signingSecret: 'whsec_abc' });
    onChanged.mockReset();
    await choose($('instance-target-version'), '3');
    await click($('instance-change-version'));
    await waitFor(() => expect($('signing-secret-value')?.textContent).toBe('whsec_abc'));
    expect(onChanged).not.toHaveBeenCalled();
    await click($('signing-secret-done'));
    expect(onChanged).toHaveBeenCalled();
  });
});
