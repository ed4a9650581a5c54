import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { flowsTestApp, type FlowsTestApp } from '../testing/flows-app';

const hourly: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Hourly digest',
  flows: [{ id: 'digest', name: 'Digest', trigger: { type: 'schedule', cron: '0 * * * *', timezone: 'Europe/Berlin' }, steps: [] }],
};

forEachEngine('schedule ticks follow the instance API', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  it('deploying gives the flow its next tick; disabling removes it; enabling brings the next one back', async () => {
    t = await flowsTestApp(engine);
    const integrationId = await t.published(t.ana, hourly);
    const ticks = () => t.deps.db.selectFrom('flow_schedule_ticks').select(['flow_id', 'next_ms']).execute();
    const before = Date.now();
    const deployed = await t.call('POST', '/api/instances', { token: t.ana.token, body: { integrationId, version: 1 } });
    expect(deployed.status).toBe(201);
    const [tick] = await ticks();
    expect(tick!.flow_id).toBe('digest');
    expect(Number(tick!.next_ms) % 3_600_000).toBe(0);
    expect(Number(tick!.next_ms)).toBeGreaterThan(before);
    expect(Number(tick!.next_ms) - before).toBeLessThanOrEqual(3_600_000);

    const id = deployed.json.instance.id as string;
    expect((await t.call('PATCH', `/api/instances/${id}`, { token: t.ana.token, body: { enabled: false } })).status).toBe(200);
    expect(await ticks()).toEqual([]);
    expect((await t.call('PATCH', `/api/instances/${id}`, { token: t.ana.token, body: { enabled: true } })).status).toBe(200);
    expect((await ticks()).map((r) => r.flow_id)).toEqual(['digest']);
  });
});
