// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, detail, instance, urgentBugs, version } from '../fixtures';
import { byTestId, choose, mount, submit, waitFor } from '../testing';
import { DeployForm } from './DeployForm';

const api = vi.hoisted(() => ({ version: vi.fn(), deploy: vi.fn(), connections: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: { version: api.version, deploy: api.deploy } }));
vi.mock('@/lib/api', () => ({ api: { connections: api.connections } }));

let view: ReturnType<typeof mount>;
const onDeployed = vi.fn();
beforeEach(() => {
  api.version.mockImplementation(async (_id: string, n: number) => ({ version: { ...version(n), document: urgentBugs } }));
  api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('g2', 'github', 'Personal'), connection('s1', 'slack', 'Acme'), connection('h1', 'hubspot', 'CRM')] });
  api.deploy.mockResolvedValue({ instance: instance('i1', 'Urgent bugs to Slack'), signingSecret: null });
  onDeployed.mockReset();
  view = mount(<DeployForm integration={detail({ versions: [version(3, { available: false }), version(2), version(1)] })} onDeployed={onDeployed} onCancel={() => {}} />);
});
afterEach(() => view.unmount());

const $ = (id: string) => byTestId(view.root, id);
const options = (id: string) => [...($(id) as HTMLSelectElement).options].map((o) => o.value);

describe('the deploy form', () => {
  it('offers available versions only, and for each connection variable only connections of its provider', async () => {
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s1'));
    expect(options('deploy-version')).toEqual(['2', '1']);
    expect(options('config-github')).toEqual(['', 'g1', 'g2']);
    // Slack's only connection is chosen for the user; GitHub has two, so it asks.
    expect(($('config-slack') as HTMLSelectElement).value).toBe('s1');
    expect(($('config-channel') as HTMLInputElement).value).toBe('C0123456');
  });

  it('will not deploy before every connection is chosen, then deploys with the values', async () => {
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s1'));
    await submit($('deploy-form'));
    expect($('config-github-error')?.textContent).toBe('Choose a github connection.');
    expect(api.deploy).not.toHaveBeenCalled();
    await choose($('config-github'), 'g2');
    await submit($('deploy-form'));
    await waitFor(() => expect(onDeployed).toHaveBeenCalled());
    expect(api.deploy).toHaveBeenCalledWith({ integrationId: 'int1', version: 2, name: 'Urgent bugs to Slack', config: { channel: 'C0123456', slack: 's1', github: 'g2' } });
  });
});
