import { describe, expect, it } from 'vitest';
import { createHubspotEmulator, type HubspotEmulator } from './index';

function client(hubspot: HubspotEmulator, token = hubspot.issueToken()) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await hubspot.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { res, status: res.status, json: await res.json() };
  };
}

const associate = (id: string, associationTypeId: number) => [{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }];

describe('HubSpot CRM search', () => {
  it('finds a contact by email (EQ, case-insensitive) with default or requested properties', async () => {
    const call = client(createHubspotEmulator());
    const { status, json } = await call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'OctoCat@GitHub.com' }] }],
    });
    expect(status).toBe(200);
    expect(json.total).toBe(1);
    expect(json).not.toHaveProperty('paging');
    expect(json.results[0]).toEqual({
      id: '10001',
      properties: {
        createdate: expect.any(String), email: 'octocat@github.com', firstname: 'Mona Lisa', hs_object_id: '10001', lastmodifieddate: expect.any(String), lastname: 'Octocat',
      },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archived: false,
    });
    const picked = await call('POST', '/crm/v3/objects/contacts/search', { query: 'jane', properties: ['company', 'phone'] });
    expect(picked.json.results[0].properties).toEqual({ company: 'Example Corp', createdate: expect.any(String), hs_object_id: '10002', lastmodifieddate: expect.any(String), phone: null });
  });

  it('supports CONTAINS_TOKEN, domains, free-text query and ORed filter groups', async () => {
    const call = client(createHubspotEmulator({ rateLimit: { searchPerSecond: 100 } }));
    const ids = async (type: string, body: object) => (await call('POST', `/crm/v3/objects/${type}/search`, body)).json.results.map((r: { id: string }) => r.id);
    const eq = (propertyName: string, value: string, operator = 'EQ') => ({ filters: [{ propertyName, operator, value }] });
    expect(await ids('companies', { filterGroups: [eq('domain', 'github.com')] })).toEqual(['20001']);
    expect(await ids('contacts', { filterGroups: [eq('hs_email_domain', 'github.com')] })).toEqual(['10001', '10003']);
    expect(await ids('contacts', { filterGroups: [eq('email', '*@example.com', 'CONTAINS_TOKEN')] })).toEqual(['10002']);
    expect(await ids('companies', { filterGroups: [eq('name', 'example', 'CONTAINS_TOKEN')] })).toEqual(['20002']);
    expect(await ids('deals', { filterGroups: [eq('dealname', 'renewal', 'CONTAINS_TOKEN')] })).toEqual(['30001']);
    expect(await ids('deals', { query: 'github' })).toEqual(['30001', '30003']);
    expect(await ids('contacts', { query: 'mona oct' })).toEqual(['10001']);
    expect(await ids('contacts', { filterGroups: [eq('firstname', 'Jane'), eq('firstname', 'Hubot')] })).toEqual(['10002', '10003']);
    expect(await ids('deals', { filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'GTE', value: '10000' }, { propertyName: 'pipeline', operator: 'EQ', value: 'default' }] }] })).toEqual(['30001']);
    expect(await ids('deals', { filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: 'IN', values: ['appointmentscheduled', '1467653'] }] }], sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }] })).toEqual(['30003', '30002']);
    expect(await ids('contacts', { filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' }] }], query: 'hubot' })).toEqual(['10003']);
  });

  it('pages with limit and after, and refuses limit > 200', async () => {
    const call = client(createHubspotEmulator());
    const first = await call('POST', '/crm/v3/objects/contacts/search', { limit: 2 });
    expect(first.json.total).toBe(3);
    expect(first.json.results.map((r: { id: string }) => r.id)).toEqual(['10001', '10002']);
    expect(first.json.paging).toEqual({ next: { after: '2', link: '?after=2' } });
    const second = await call('POST', '/crm/v3/objects/contacts/search', { limit: 2, after: first.json.paging.next.after });
    expect(second.json.results.map((r: { id: string }) => r.id)).toEqual(['10003']);
    expect(second.json).not.toHaveProperty('paging');
    const tooMany = await call('POST', '/crm/v3/objects/contacts/search', { limit: 201 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('limits search to 5 requests a second per token (429, policy SECONDLY)', async () => {
    let now = 1_700_000_000_000;
    const hubspot = createHubspotEmulator({ now: () => now });
    const call = client(hubspot);
    for (let i = 0; i < 5; i++) expect((await call('POST', '/crm/v3/objects/deals/search', {})).status).toBe(200);
    const refused = await call('POST', '/crm/v3/objects/deals/search', {});
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
    expect(refused.res.headers.get('retry-after')).toBe('1');
    expect((await call('GET', '/crm/v3/objects/deals/30001')).status).toBe(200); // other endpoints are unaffected
    now += 1000;
    expect((await call('POST', '/crm/v3/objects/deals/search', {})).status).toBe(200);
    expect(hubspot.stats.rateLimited).toBe(1);
  });
});

describe('HubSpot CRM objects', () => {
  it('reads a record with properties and an associations block', async () => {
    const call = client(createHubspotEmulator());
    const { json } = await call('GET', '/crm/v3/objects/contacts/10001?properties=email,company,hubspot_owner_id&associations=companies,deals');
    expect(json).toMatchObject({
      id: '10001',
      properties: { email: 'octocat@github.com', company: 'GitHub', hubspot_owner_id: '75410006', hs_object_id: '10001' },
      associations: {
        companies: { results: [{ id: '20001', type: 'contact_to_company' }] },
        deals: { results: [{ id: '30001', type: 'contact_to_deal' }] },
      },
    });
    const deal = (await call('GET', '/crm/v3/objects/deals/30003?associations=contacts,companies')).json;
    expect(deal.properties).toMatchObject({ dealname: 'GitHub Copilot seats', pipeline: '1467652', dealstage: '1467653' });
    expect(deal.associations).toEqual({ companies: { results: [{ id: '20001', type: 'deal_to_company' }] } });
    expect((await call('GET', '/crm/v3/objects/contacts/jane@example.com?idProperty=email')).json.id).toBe('10002');
    const missing = await call('GET', '/crm/v3/objects/contacts/999');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' });
    expect((await call('GET', '/crm/v3/objects/widgets/1')).status).toBe(400);
  });

  it('creates a contact (201); a second one with that email is 409 CONFLICT naming the first', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const created = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'new@github.com', firstname: 'New', lastname: 'Person', company: 'GitHub' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: '50001', properties: { email: 'new@github.com', hs_object_id: '50001', hs_email_domain: 'github.com' }, archived: false });
    expect(hubspot.getObject('contacts', '50001')?.properties).toMatchObject({ firstname: 'New', company: 'GitHub' });
    const again = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'NEW@github.com' } });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ status: 'error', message: 'Contact already exists. Existing ID: 50001', correlationId: expect.any(String), category: 'CONFLICT' });
  });

  it('validates properties: bad emails, unknown and read-only names', async () => {
    const call = client(createHubspotEmulator());
    const bad = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'not-an-email', favourite_colour: 'blue', hs_object_id: '1' } });
    expect(bad.status).toBe(400);
    expect(bad.json.category).toBe('VALIDATION_ERROR');
    expect(bad.json.message).toMatch(/^Property values were not valid: \[/);
    const results = JSON.parse(bad.json.message.replace('Property values were not valid: ', ''));
    expect(results.map((r: { name: string; error: string }) => [r.name, r.error])).toEqual([
      ['email', 'INVALID_EMAIL'], ['favourite_colour', 'PROPERTY_DOESNT_EXIST'], ['hs_object_id', 'READ_ONLY_VALUE'],
    ]);
    const custom = client(createHubspotEmulator({ customProperties: { contacts: ['github_username'] } }));
    expect((await custom('POST', '/crm/v3/objects/contacts', { properties: { github_username: 'octocat' } })).status).toBe(201);
  });

  it('updates a contact (200) and 404s an unknown id', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const updated = await call('PATCH', '/crm/v3/objects/contacts/10002', { properties: { jobtitle: 'CTO', phone: '+1 617 555 0100' } });
    expect(updated.status).toBe(200);
    expect(updated.json.properties).toMatchObject({ jobtitle: 'CTO', phone: '+1 617 555 0100', email: 'jane@example.com' });
    expect(Date.parse(updated.json.updatedAt)).toBeGreaterThanOrEqual(Date.parse(updated.json.createdAt));
    expect((await call('PATCH', '/crm/v3/objects/contacts/10002', { properties: { email: 'octocat@github.com' } })).status).toBe(409);
    expect((await call('PATCH', '/crm/v3/objects/contacts/424242', { properties: { jobtitle: 'x' } })).status).toBe(404);
  });

  it('creates a company (201, duplicates by domain allowed as in HubSpot)', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const created = await call('POST', '/crm/v3/objects/companies', { properties: { name: 'Acme', domain: 'acme.test' } });
    expect(created.status).toBe(201);
    expect(created.json.properties).toMatchObject({ name: 'Acme', domain: 'acme.test', hs_object_id: created.json.id });
    expect((await call('POST', '/crm/v3/objects/companies', { properties: { name: 'GitHub again', domain: 'github.com' } })).status).toBe(201);
    expect(hubspot.listObjects('companies').map((c) => c.properties.domain)).toEqual(['github.com', 'example.com', 'acme.test', 'github.com']);
  });

  it('moves a deal between stages of its own pipeline only', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const moved = await call('PATCH', '/crm/v3/objects/deals/30001', { properties: { dealstage: 'closedwon' } });
    expect(moved.status).toBe(200);
    expect(moved.json.properties).toMatchObject({ dealstage: 'closedwon', pipeline: 'default', hs_is_closed: 'true', hs_is_closed_won: 'true' });
    const unknown = await call('PATCH', '/crm/v3/objects/deals/30002', { properties: { dealstage: 'negotiation' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(unknown.json.message).toContain('negotiation was not one of the allowed options: [appointmentscheduled, qualifiedtobuy');
    expect(unknown.json.message).toContain('"name":"dealstage"');
    // 30003 is in the Renewals pipeline: default-pipeline stages do not apply to it.
    expect((await call('PATCH', '/crm/v3/objects/deals/30003', { properties: { dealstage: 'closedwon' } })).status).toBe(400);
    expect((await call('PATCH', '/crm/v3/objects/deals/30003', { properties: { dealstage: '1467654' } })).status).toBe(200);
    expect(hubspot.getObject('deals', '30002')?.properties.dealstage).toBe('appointmentscheduled');
  });

  it('lists deal pipelines with their stages', async () => {
    const call = client(createHubspotEmulator());
    const { json } = await call('GET', '/crm/v3/pipelines/deals');
    expect(json.results.map((p: { id: string }) => p.id)).toEqual(['default', '1467652']);
    expect(json.results[0]).toMatchObject({ label: 'Sales Pipeline', displayOrder: 0, archived: false, createdAt: '1970-01-01T00:00:00Z' });
    expect(json.results[0].stages[1]).toEqual({
      label: 'Qualified To Buy', displayOrder: 1, metadata: { isClosed: 'false', probability: '0.4' }, id: 'qualifiedtobuy',
      createdAt: '1970-01-01T00:00:00Z', updatedAt: '1970-01-01T00:00:00Z', archived: false, writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    });
    expect(json.results[0].stages.map((s: { id: string }) => s.id)).toEqual(['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost']);
  });

  it('creates notes and tasks associated with records (201), visible in state and from the record', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const note = await call('POST', '/crm/v3/objects/notes', { properties: { hs_timestamp: '2026-05-01T10:00:00Z', hs_note_body: 'GitHub issue: octocat/hello-world#1' }, associations: associate('30001', 214) });
    expect(note.status).toBe(201);
    expect(note.json.properties).toMatchObject({ hs_note_body: 'GitHub issue: octocat/hello-world#1', hs_timestamp: '2026-05-01T10:00:00Z', hs_object_id: note.json.id });
    const task = await call('POST', '/crm/v3/objects/tasks', {
      properties: { hs_timestamp: String(Date.UTC(2026, 4, 2)), hs_task_subject: 'Follow up', hs_task_body: 'Re: dark mode', hs_task_status: 'NOT_STARTED' },
      associations: associate('10002', 204),
    });
    expect(task.status).toBe(201);
    expect(hubspot.listObjects('notes')).toEqual([expect.objectContaining({ id: note.json.id, associations: { deals: ['30001'] } })]);
    expect(hubspot.listObjects('tasks')[0]).toMatchObject({ properties: { hs_task_subject: 'Follow up' }, associations: { contacts: ['10002'] } });
    const deal = (await call('GET', '/crm/v3/objects/deals/30001?associations=notes')).json;
    expect(deal.associations.notes.results).toEqual([{ id: note.json.id, type: 'deal_to_note' }]);
  });

  it('refuses notes on missing records, wrong association types, and without hs_timestamp', async () => {
    const hubspot = createHubspotEmulator();
    const call = client(hubspot);
    const missing = await call('POST', '/crm/v3/objects/notes', { properties: { hs_timestamp: '2026-05-01T10:00:00Z', hs_note_body: 'x' }, associations: associate('424242', 202) });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      status: 'error', message: 'One or more associations are invalid', category: 'VALIDATION_ERROR',
      context: { INVALID_OBJECT_IDS: ['CONTACT=424242 is not valid'], objectId: ['424242'], objectType: ['CONTACT'] },
    });
    expect((await call('POST', '/crm/v3/objects/notes', { properties: { hs_timestamp: '2026-05-01T10:00:00Z' }, associations: associate('10001', 204) })).status).toBe(400);
    const undated = await call('POST', '/crm/v3/objects/notes', { properties: { hs_note_body: 'x' } });
    expect(undated.status).toBe(400);
    expect(undated.json.message).toContain('MISSING_REQUIRED_PROPERTY');
    const badStatus = await call('POST', '/crm/v3/objects/tasks', { properties: { hs_timestamp: '2026-05-01T10:00:00Z', hs_task_status: 'DONE' } });
    expect(badStatus.json.message).toContain('DONE was not one of the allowed options');
    expect(hubspot.listObjects('notes')).toEqual([]);
  });

  it('lists owners', async () => {
    const call = client(createHubspotEmulator());
    const { json } = await call('GET', '/crm/v3/owners');
    expect(json.results).toEqual([{
      id: '75410006', email: 'alex@weft.test', type: 'PERSON', firstName: 'Alex', lastName: 'Rivera', userId: 123456, userIdIncludingInactive: 123456,
      createdAt: expect.any(String), updatedAt: expect.any(String), archived: false, teams: [{ id: '178588', name: 'West Coast Sales', primary: true }],
    }]);
    expect((await call('GET', '/crm/v3/owners?email=nobody@weft.test')).json.results).toEqual([]);
    expect((await call('GET', '/crm/v3/owners/75410006')).json.email).toBe('alex@weft.test');
  });
});

describe('HubSpot CRM limits, auth and controls', () => {
  it('the 101st call in 10 s is a 429 TEN_SECONDLY_ROLLING with the rate-limit headers', async () => {
    let now = 1_700_000_000_000;
    const hubspot = createHubspotEmulator({ now: () => now });
    const call = client(hubspot);
    for (let i = 0; i < 100; i++) {
      const { res } = await call('GET', `/crm/v3/objects/contacts/1000${(i % 3) + 1}`);
      expect(res.status).toBe(200);
      now += 10;
    }
    const refused = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'late@example.com' } });
    expect(refused.status).toBe(429);
    expect(refused.res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(refused.res.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(refused.res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(refused.res.headers.get('retry-after')).toBe('9'); // the first call, at 0 ms, leaves the window at 10 s
    expect(refused.json).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(hubspot.listObjects('contacts')).toHaveLength(3);
    expect(hubspot.stats.apiCalls).toBe(100);
    expect(hubspot.stats.requests).toHaveLength(101);
    now += 10_000;
    expect((await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'late@example.com' } })).status).toBe(201);
  });

  it('answers unauthenticated CRM calls with 401 like account-info', async () => {
    const hubspot = createHubspotEmulator();
    const res = await hubspot.app.request('/crm/v3/objects/contacts/search', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const token = hubspot.issueToken();
    hubspot.expireAccessTokens();
    expect((await client(hubspot, token)('GET', '/crm/v3/owners')).status).toBe(401);
    expect(hubspot.stats.authFailures).toBe(2);
    expect(hubspot.stats.apiCalls).toBe(0);
  });

  it('seeds and reads state over /_emulator/hubspot', async () => {
    const hubspot = createHubspotEmulator();
    const seeded = await hubspot.app.request('/_emulator/hubspot/objects/contacts', {
      method: 'POST',
      body: JSON.stringify({ id: '777', properties: { email: 'seeded@example.com', firstname: 'Seeded' }, associations: { companies: ['20002'] } }),
    });
    expect(seeded.status).toBe(201);
    expect(await seeded.json()).toMatchObject({ type: 'contacts', id: '777', associations: { companies: ['20002'] } });
    const dup = await hubspot.app.request('/_emulator/hubspot/objects/contacts', { method: 'POST', body: JSON.stringify({ properties: { email: 'seeded@example.com' } }) });
    expect(await dup.json()).toEqual({ error: 'a contact with email seeded@example.com already exists' });
    const state = await (await hubspot.app.request('/_emulator/hubspot/state')).json();
    expect(state.contacts.map((c: { id: string }) => c.id)).toEqual(['10001', '10002', '10003', '777']);
    expect(state.companies.find((c: { id: string }) => c.id === '20002').associations.contacts).toEqual(['10002', '777']);
    expect(state.owners[0].id).toBe('75410006');
    expect(state.pipelines[0].stages).toHaveLength(7);
    expect(hubspot.stats.requests).toEqual([]);
    expect(createHubspotEmulator({ seed: false }).snapshot()).toMatchObject({ contacts: [], companies: [], deals: [], owners: [] });
  });
});
