import { describe, expect, it } from 'vitest';
import type { ConfigVar } from '@@/shared/flows/document';
import type { Connection } from '@@/shared/protocol';
import { connectionLabel, connectionsFor, initialValues, missingValues } from './config-values';

const connection = (id: string, provider: string, status: Connection['status'] = 'active'): Connection => ({
  id, provider, name: id, workspaceId: 'w1', createdBy: 'u1', authMode: 'oauth2', account: null,
  status, statusReason: null, scopes: [], createdAt: '', updatedAt: '', lastUsedAt: null, expiresAt: null,
});
const vars: ConfigVar[] = [
  { key: 'channel', label: 'Slack channel', type: 'string', default: 'C0123456' },
  { key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' },
  { key: 'github', label: 'GitHub', type: 'connection', provider: 'github' },
  { key: 'limit', label: 'Limit', type: 'number', required: true },
];

describe('config values for a deploy', () => {
  it('starts from defaults and picks a provider’s only connection', () => {
    const connections = [connection('s1', 'slack'), connection('g1', 'github'), connection('g2', 'github')];
    expect(initialValues(vars, connections)).toEqual({ channel: 'C0123456', slack: 's1' });
    expect(initialValues(vars, connections, { channel: 'C999', github: 'g2' })).toEqual({ channel: 'C999', slack: 's1', github: 'g2' });
  });

  it('offers only connections of the variable’s provider, working ones first', () => {
    expect(connectionsFor('github', [connection('g1', 'github', 'expired'), connection('s1', 'slack'), connection('g2', 'github')]).map((c) => c.id)).toEqual(['g2', 'g1']);
  });

  it('names what is missing: connections, required values, numbers', () => {
    expect(missingValues(vars, { channel: 'C1', slack: 's1', limit: 'ten' })).toEqual({ github: 'Choose a GitHub connection.', limit: 'Enter a number.' });
    expect(missingValues(vars, { slack: 's1', github: 'g1' })).toEqual({ limit: 'Limit is required.' });
    expect(missingValues(vars, { slack: 's1', github: 'g1', limit: 5 })).toEqual({});
  });

  it('labels a connection by its name, adding the account only when it says more, and a state that is not active', () => {
    expect(connectionLabel({ name: 'octocat', account: { id: '1', label: 'octocat' }, status: 'active' })).toBe('octocat');
    expect(connectionLabel({ name: 'Work', account: { id: '1', label: 'octocat' }, status: 'active' })).toBe('Work (octocat)');
    expect(connectionLabel({ name: 'Work', account: null, status: 'expired' })).toBe('Work — expired');
  });
});
