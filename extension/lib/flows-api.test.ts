import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { flowRunsApi } from './flow-runs-api';
import { flowsApi } from './flows-api';
import { session } from './settings';

const send = vi.hoisted(() => vi.fn());
vi.mock('./messaging/to-background', () => ({ sendToBackground: send }));
const fetchMock = vi.fn<typeof fetch>();

const instance = {
  id: 'fin_1', workspaceId: 'w1', integrationId: 'int1', integrationName: 'X', version: 1, name: 'X', config: {}, status: 'active', statusReason: null,
  flows: [], webhookUrls: [], createdBy: 'u1', createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
};

beforeEach(async () => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset().mockImplementation(async () => Response.json({ instance, signingSecret: null }));
  send.mockReset().mockResolvedValue(undefined);
  await session.setValue({ token: 'tok', user: { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' } });
});
afterEach(() => vi.unstubAllGlobals());

const calls = () => fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`);

describe('flowsApi', () => {
  it('calls each route as shared/protocol/routes.ts spells it, parameters encoded', async () => {
    fetchMock.mockImplementationOnce(async () => new Response('weft: integration/v1\n'));
    await flowsApi.versionYaml('int/1', 3);
    await flowsApi.updateInstance('fin 1', { enabled: false });
    fetchMock.mockImplementationOnce(async () => Response.json({ integrations: [] }));
    await flowsApi.integrations({ q: 'slack bot', label: ' ', category: 'Ops' });
    expect(calls()).toEqual([
      'GET http://localhost:8787/api/integrations/int%2F1/versions/3',
      'PATCH http://localhost:8787/api/instances/fin%201',
      'GET http://localhost:8787/api/integrations?q=slack+bot&category=Ops',
    ]);
  });

  it('tells the background after a call that changes which manual flows can run, and only then', async () => {
    await flowsApi.updateInstance('fin_1', { enabled: true });
    await flowsApi.deploy({ integrationId: 'int1', version: 1, config: {} });
    expect(send.mock.calls).toEqual([['instancesChanged', undefined], ['instancesChanged', undefined]]);
    fetchMock.mockImplementation(async () => Response.json({ integrations: [] }));
    await flowsApi.integrations();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('a refused call tells nothing', async () => {
    fetchMock.mockImplementation(async () => Response.json({ error: { code: 'not_found', message: 'No such integration.' } }, { status: 404 }));
    await expect(flowsApi.deploy({ integrationId: 'int1', version: 1, config: {} })).rejects.toThrow('No such integration.');
    expect(send).not.toHaveBeenCalled();
  });
});

describe('flowRunsApi', () => {
  it('calls the run routes as shared/protocol/routes.ts spells them, with the query’s set values only', async () => {
    fetchMock.mockImplementation(async () => Response.json({ runs: [], next: null }));
    await flowRunsApi.runs({ instance: 'fin 1', status: undefined, after: '' });
    fetchMock.mockImplementation(async () => Response.json({ filtered: 'filtered: `trigger.ok` was false' }));
    await flowRunsApi.rerun('run/1', 'notify');
    expect(calls()).toEqual(['GET http://localhost:8787/api/runs?instance=fin+1', 'POST http://localhost:8787/api/runs/run%2F1/rerun']);
    expect(JSON.parse(String(fetchMock.mock.calls[1]![1]!.body))).toEqual({ fromStep: 'notify' });
  });
});
