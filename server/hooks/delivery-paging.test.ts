import { afterEach, expect, it } from 'vitest';
import { DELIVERIES_PAGE_DEFAULT, DELIVERIES_PAGE_MAX, type Delivery } from '../../shared/protocol/deliveries';
import type { Engine } from '../store/engine';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => t?.close());

async function withEndpoint(engine: Engine) {
  t = await createTestApp({}, { engine });
  const app = t;
  const ada = await app.signUp();
  const { id } = (await app.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
  const send = async (title: string) => expect((await app.app.request(`/hooks/custom/${id}`, { method: 'POST', body: JSON.stringify({ title }) })).status).toBe(202);
  const page = async (query: string, token = ada.token) => {
    const res = await app.call('GET', `/api/deliveries${query}`, { token });
    expect(res.status).toBe(200);
    return res.json as { deliveries: Delivery[]; next: number | null };
  };
  const titles = (deliveries: Delivery[]) => deliveries.map((d) => (JSON.parse(d.bodyPreview) as { title: string }).title);
  return { app, ada, send, page, titles };
}

forEachEngine('GET /api/deliveries pages by cursor', (engine) => {
  it('walks the whole log newest first with `next`, each delivery once, even while new ones arrive', async () => {
    const { app, send, page, titles } = await withEndpoint(engine);
    for (let i = 1; i <= 7; i++) await send(`d${i}`);

    const first = await page('?limit=3');
    expect(titles(first.deliveries)).toEqual(['d7', 'd6', 'd5']);
    expect(first.next).toBe(first.deliveries.at(-1)!.id);
    // Two arrive while the reader is on the first page: an offset would show d5 again.
    await send('d8');
    await send('d9');
    const second = await page(`?limit=3&before=${first.next}`);
    expect(titles(second.deliveries)).toEqual(['d4', 'd3', 'd2']);
    const last = await page(`?limit=3&before=${second.next}`);
    expect(titles(last.deliveries)).toEqual(['d1']);
    expect(last.next).toBeNull();

    // A page that is exactly full still says whether another follows.
    const exact = await page('?limit=9');
    expect(exact.deliveries).toHaveLength(9);
    expect(exact.next).toBeNull();
    expect((await page('')).deliveries).toHaveLength(9);
    expect(DELIVERIES_PAGE_DEFAULT).toBeLessThanOrEqual(DELIVERIES_PAGE_MAX);

    // Someone else's log is empty, whatever the cursor.
    const bob = await app.signUp();
    expect(await page(`?before=${first.next}`, bob.token)).toEqual({ deliveries: [], next: null, rejectedNotLogged: null });
  });

  it('pages within a filter', async () => {
    const { app, ada, send, page } = await withEndpoint(engine);
    await send('ok1');
    const { id } = (await app.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Signed', signed: true } })).json;
    for (let i = 0; i < 3; i++) await app.app.request(`/hooks/custom/${id}`, { method: 'POST', body: '{}' });
    await send('ok2');
    const rejected = await page('?status=rejected&limit=2');
    expect(rejected.deliveries.map((d) => d.status)).toEqual(['rejected', 'rejected']);
    const rest = await page(`?status=rejected&limit=2&before=${rejected.next}`);
    expect(rest.deliveries.map((d) => d.status)).toEqual(['rejected']);
    expect(rest.next).toBeNull();
  });

  it(`refuses a limit above ${DELIVERIES_PAGE_MAX} or a cursor that is not an id, saying what is accepted`, async () => {
    const { app, ada } = await withEndpoint(engine);
    for (const query of [`?limit=${DELIVERIES_PAGE_MAX + 1}`, '?limit=0', '?before=abc', '?before=-3']) {
      const res = await app.call('GET', `/api/deliveries${query}`, { token: ada.token });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe(`Filters: provider, status (accepted, duplicate, rejected, unrouted); paging: before (a page's next, a delivery id) and limit (1 to ${DELIVERIES_PAGE_MAX}).`);
    }
  });
});
