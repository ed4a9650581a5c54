// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '@@/shared/protocol/flows';
import { connection, detail, instance, urgentBugs } from '../fixtures';
import { byTestId, choose, mount, submit, waitFor } from '../testing';
import { InstallForm } from './InstallForm';

const api = vi.hoisted(() => ({ installTemplate: vi.fn(), connections: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: { installTemplate: api.installTemplate } }));
vi.mock('@/lib/api', () => ({ api: { connections: api.connections } }));

const template: Template = {
  id: 'builtin:github-urgent-bug-to-slack', source: 'builtin', name: urgentBugs.name, description: urgentBugs.description!, category: 'Engineering', labels: ['github', 'slack'],
  configVars: urgentBugs.configVars!, flows: [], document: urgentBugs, integrationId: null, version: null,
};

let view: ReturnType<typeof mount>;
beforeEach(() => {
  location.hash = '';
  api.connections.mockResolvedValue({ connections: [connection('g1', 'github', 'Work'), connection('g2', 'github', 'Personal'), connection('s1', 'slack', 'Acme')] });
  api.installTemplate.mockResolvedValue({ integration: detail({ id: 'int9' }), instance: instance('i9', 'Urgent bugs to Slack'), signingSecret: null });
  view = mount(<InstallForm template={template} onCancel={() => {}} />);
});
afterEach(() => view.unmount());

const $ = (id: string) => byTestId(view.root, id);

describe('installing a template', () => {
  it('asks only for its config values and connections, then installs and opens its instances', async () => {
    await waitFor(() => expect(($('config-slack') as HTMLSelectElement | null)?.value).toBe('s1'));
    // One field per config variable, nothing else to fill in.
    expect([...view.root.querySelectorAll('input, select, textarea')].map((el) => el.getAttribute('data-testid'))).toEqual(['config-channel', 'config-slack', 'config-github']);
    // In a modal dialog named after the template; each field labelled once, each connection named once.
    const dialog = $('install-dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Install “Urgent bugs to Slack”');
    expect([...dialog.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Slack channel', 'Slack', 'GitHub']);
    expect([...($('config-github') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Choose a GitHub connection', 'Work', 'Personal']);
    await choose($('config-github'), 'g1');
    await submit($('install-form'));
    await waitFor(() => expect(location.hash).toBe('#/integrations/int9/instances'));
    expect(api.installTemplate).toHaveBeenCalledWith('builtin:github-urgent-bug-to-slack', { config: { channel: 'C0123456', slack: 's1', github: 'g1' } });
  });
});
