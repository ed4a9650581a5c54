// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, instance, urgentBugs, version } from '../fixtures';
import { byTestId, choose, click, mount, submit, type, waitFor } from '../testing';
import { InstanceRow } from './InstanceRow';

const api = vi.hoisted(() => ({ updateInstance: vi.fn(), version: vi.fn(), connections: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: { updateInstance: api.updateInstance, version: api.version } }));
vi.mock('@/lib/api', () => ({ api: { connections: api.connections } }));

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

  it('changes its config in place: another connection of the provider, a new value, all sent together', async () => {
    view.unmount();
    api.version.mockResolvedValue({ version: { ...version(2), document: urgentBugs } });
    api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('g2', 'github', 'Personal'), connection('s1', 'slack', 'Acme')] });
    api.updateInstance.mockResolvedValue({ instance: instance('i1', 'Acme'), signingSecret: null });
    view = mount(<InstanceRow instance={instance('i1', 'Acme', { version: 2, config: { channel: 'C1', slack: 's1', github: 'g1' } })} versions={[version(2)]} onChanged={onChanged} />);
    await click($('instance-edit-config'));
    await waitFor(() => expect(($('config-github') as HTMLSelectElement | null)?.value).toBe('g1'));
    await choose($('config-github'), 'g2');
    await type($('config-channel'), 'C2');
    await submit($('config-edit-form'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateInstance).toHaveBeenCalledWith('i1', { config: { channel: 'C2', slack: 's1', github: 'g2' } });
  });
});
