// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, instance, urgentBugs, version } from '../fixtures';
import { byTestId, choose, click, mount, submit, type, waitFor } from '../testing';
import type { FlowInstance } from '@@/shared/protocol/flows';
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
    expect(api.updateInstance).toHaveBeenCalledWith('i1', { config: { channel: 'C2', slack: 's1', github: 'g2' }, failureAlert: null });
  });

  const editSettings = async (failureAlert: FlowInstance['failureAlert']) => {
    view.unmount();
    api.version.mockResolvedValue({ version: { ...version(2), document: urgentBugs } });
    api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('s1', 'slack', 'Acme'), connection('s2', 'slack', 'Ops')] });
    api.updateInstance.mockResolvedValue({ instance: instance('i1', 'Acme'), signingSecret: null });
    view = mount(<InstanceRow instance={instance('i1', 'Acme', { version: 2, config: { channel: 'C1', slack: 's1', github: 'g1' }, failureAlert })} versions={[version(2)]} onChanged={onChanged} />);
    await click($('instance-edit-config'));
    await waitFor(() => expect($('failure-alert-on')).not.toBeNull());
  };

  it('sets where failed runs are posted in Slack: a Slack connection and a channel id, checked before it is sent', async () => {
    await editSettings(null);
    expect($('instance-failure-alert')).toBeNull();
    expect($('failure-alert-channel')).toBeNull();
    await click($('failure-alert-on'));
    // Only Slack connections are offered.
    expect([...($('failure-alert-connection') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 's1', 's2']);
    await choose($('failure-alert-connection'), 's2');
    await type($('failure-alert-channel'), '#alerts');
    await submit($('config-edit-form'));
    expect($('failure-alert-channel-error')?.textContent).toContain('like C0123ABCD');
    expect(api.updateInstance).not.toHaveBeenCalled();

    await type($('failure-alert-channel'), 'C0ALERTS1');
    await submit($('config-edit-form'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateInstance).toHaveBeenCalledWith('i1', { config: { channel: 'C1', slack: 's1', github: 'g1' }, failureAlert: { connection: 's2', channel: 'C0ALERTS1' } });
  });

  it('shows the alert it has, and clears it when it is turned off', async () => {
    await editSettings({ connection: 's1', channel: 'C0ALERTS1' });
    expect($('instance-failure-alert')?.textContent).toBe('Failed runs are also posted in Slack channel C0ALERTS1.');
    expect(($('failure-alert-on') as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(($('failure-alert-connection') as HTMLSelectElement | null)?.value).toBe('s1'));
    expect(($('failure-alert-channel') as HTMLInputElement).value).toBe('C0ALERTS1');
    await click($('failure-alert-on'));
    await submit($('config-edit-form'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateInstance).toHaveBeenCalledWith('i1', { config: { channel: 'C1', slack: 's1', github: 'g1' }, failureAlert: null });
  });
});
