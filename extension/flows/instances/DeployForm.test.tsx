// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, detail, instance, urgentBugs, version } from '../fixtures';
import { byTestId, choose, click, mount, settle, submit, waitFor } from '../testing';
import { DeployForm } from './DeployForm';
import { InstancesPanel } from './InstancesPanel';

const api = vi.hoisted(() => ({ version: vi.fn(), deploy: vi.fn(), connections: vi.fn(), providers: vi.fn(), startOAuth: vi.fn(), listeners: new Map<string, () => void>() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: { version: api.version, deploy: api.deploy } }));
vi.mock('@/lib/api', () => ({ api: { connections: api.connections, providers: api.providers } }));
vi.mock('@/lib/messaging/to-background', () => ({ sendToBackground: (type: string, data: unknown) => (type === 'startOAuth' ? api.startOAuth(data) : undefined) }));
vi.mock('@/lib/messaging/to-pages', () => ({
  listenToBackground: (type: string, listener: () => void) => {
    api.listeners.set(type, listener);
    return () => api.listeners.delete(type);
  },
}));

let view: ReturnType<typeof mount>;
const onDeployed = vi.fn();
const onCancel = vi.fn();
const integration = detail({ versions: [version(3, { available: false }), version(2), version(1)] });
beforeEach(() => {
  api.version.mockImplementation(async (_id: string, n: number) => ({ version: { ...version(n), document: urgentBugs } }));
  api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('g2', 'github', 'Personal'), connection('s1', 'slack', 'Acme'), connection('h1', 'hubspot', 'CRM')] });
  api.providers.mockResolvedValue({ providers: [{ id: 'slack', name: 'Slack', authMode: 'oauth2', configured: true }, { id: 'github', name: 'GitHub', authMode: 'oauth2', configured: true }] });
  api.deploy.mockResolvedValue({ instance: instance('i1', 'Urgent bugs to Slack'), signingSecret: null });
  api.startOAuth.mockResolvedValue({ ok: true });
  onDeployed.mockReset();
  onCancel.mockReset();
});
afterEach(() => view.unmount());

const $ = (id: string) => byTestId(view.root, id);
const options = (id: string) => [...($(id) as HTMLSelectElement).options].map((o) => o.value);
const optionTexts = (id: string) => [...($(id) as HTMLSelectElement).options].map((o) => o.textContent);
const open = () => (view = mount(<DeployForm integration={integration} onDeployed={onDeployed} onCancel={onCancel} />));

describe('the deploy dialog', () => {
  it('is a modal dialog named by its heading, with focus moved into it', async () => {
    open();
    const dialog = $('deploy-dialog') as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Deploy “Urgent bugs to Slack”');
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('Escape (the dialog’s cancel) closes it through the page, and focus goes back to the Deploy button', async () => {
    view = mount(<InstancesPanel integration={integration} onChanged={() => {}} />);
    const opener = $('deploy-open')!;
    opener.focus();
    await click(opener);
    const dialog = $('deploy-dialog') as HTMLDialogElement;
    expect(dialog.contains(document.activeElement)).toBe(true);
    const cancel = new Event('cancel', { cancelable: true });
    dialog.dispatchEvent(cancel);
    await settle();
    expect(cancel.defaultPrevented).toBe(true);
    expect($('deploy-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('offers available versions only, and for each connection variable only connections of its provider, each named once', async () => {
    open();
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s1'));
    expect(options('deploy-version')).toEqual(['2', '1']);
    expect(options('config-github')).toEqual(['', 'g1', 'g2']);
    // A connection named after its account reads once: "Work", not "Work (work)".
    expect(optionTexts('config-github')).toEqual(['Choose a GitHub connection', 'Work', 'Personal']);
    // Slack's only connection is chosen for the user; GitHub has two, so it asks.
    expect(($('config-slack') as HTMLSelectElement).value).toBe('s1');
    expect(($('config-channel') as HTMLInputElement).value).toBe('C0123456');
  });

  it('will not deploy before every connection is chosen, then deploys with the values', async () => {
    open();
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s1'));
    await submit($('deploy-form'));
    expect($('config-github-error')?.textContent).toBe('Choose a GitHub connection.');
    expect(api.deploy).not.toHaveBeenCalled();
    await choose($('config-github'), 'g2');
    await submit($('deploy-form'));
    await waitFor(() => expect(onDeployed).toHaveBeenCalled());
    expect(api.deploy).toHaveBeenCalledWith({ integrationId: 'int1', version: 2, name: 'Urgent bugs to Slack', config: { channel: 'C0123456', slack: 's1', github: 'g2' } });
  });

  it('with no connection of a provider: says so and offers “Connect Slack”, then offers the new one once it is made', async () => {
    api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work')] });
    open();
    await waitFor(() => expect($('config-slack-connect')?.textContent).toBe('Connect Slack'));
    expect($('config-slack-none')?.textContent).toBe('You have no Slack connection.');
    expect($('config-slack')).toBeNull();
    await click($('config-slack-connect'));
    expect(api.startOAuth).toHaveBeenCalledWith({ provider: 'slack' });
    // The consent tab finished: the background says the connections changed.
    api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('s9', 'slack', 'Team')] });
    api.listeners.get('connectionsChanged')!();
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s9'));
    expect($('config-slack-connect')).toBeNull();
  });
});
