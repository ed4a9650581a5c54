import { afterEach, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkResponse } from '../../testing/contract';
import { forEachEngine } from '../../store/testing/engines';
import { flowsTestApp, sampleDocument, type FlowsTestApp } from '../testing/flows-app';

const yamlText = `weft: integration/v1
name: From YAML
labels: [Ops]
flows:
  - id: ping
    name: Ping
    trigger: { type: manual }
    steps:
      - id: post
        action: slack.post_message
        connection: slack
        input: { channel: C0123456, text: pong }
configVars:
  - { key: slack, label: Slack, type: connection, provider: slack }
`;

forEachEngine('integrations API', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  /** A request with a text body of its own content type (the test app's `call` sends JSON). */
  const send = async (method: string, path: string, token: string, body: string, contentType = 'application/yaml', accept?: string) => {
    const res = await t.app.request(path, { method, body: method === 'GET' ? undefined : body, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...(accept ? { accept } : {}) } });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    if (json !== undefined) checkResponse(method, path, res.status, json);
    return { status: res.status, json, text, headers: res.headers };
  };

  it('creates an integration from YAML and from JSON; the draft is the document, labels lower-cased', async () => {
    t = await flowsTestApp(engine);
    const fromYaml = await send('POST', '/api/integrations', t.ana.token, yamlText);
    expect(fromYaml.status).toBe(201);
    expect(fromYaml.json.integration).toMatchObject({ name: 'From YAML', labels: ['ops'], latestVersion: null, versions: [], instances: [], forkedFrom: null });
    expect(fromYaml.json.integration.draft.flows[0].id).toBe('ping');

    const fromJson = await t.call('POST', '/api/integrations', { token: t.ana.token, body: sampleDocument() });
    expect(fromJson.status).toBe(201);
    expect(fromJson.json.integration.draft).toEqual(sampleDocument());
  });

  it('keeps a draft sent as YAML as it was written (comments, order, layout) for the editor; a JSON save or a fork has none', async () => {
    t = await flowsTestApp(engine);
    const commented = `# Owned by the platform team.\n${yamlText.replace('weft: integration/v1\n', 'weft: integration/v1 # the format\n')}`;
    const created = await send('POST', '/api/integrations', t.ana.token, commented);
    expect(created.json.integration.draftYaml).toBe(commented);
    const id = created.json.integration.id;
    expect((await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })).json.integration.draftYaml).toBe(commented);

    const edited = `${commented}# A note at the end.\n`;
    await send('PUT', `/api/integrations/${id}/draft`, t.ana.token, edited);
    expect((await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })).json.integration.draftYaml).toBe(edited);
    const fork = await t.call('POST', `/api/integrations/${id}/fork`, { token: t.ana.token });
    expect(fork.json.integration.draftYaml).toBeNull();

    // Published, the version keeps that text: viewed or exported as YAML, its comments are there.
    expect((await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'v1' } })).status).toBe(201);
    expect((await send('GET', `/api/integrations/${id}/versions/1`, t.ana.token, '', 'application/json', 'application/yaml')).text).toBe(edited);

    await send('PUT', `/api/integrations/${id}/draft`, t.ana.token, JSON.stringify(sampleDocument()), 'application/json');
    const after = (await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })).json.integration;
    expect(after.draftYaml).toBeNull();
    expect(after.draft).toEqual(sampleDocument());
    expect((await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'v2' } })).status).toBe(201);
    expect(parseYaml((await send('GET', `/api/integrations/${id}/versions/2`, t.ana.token, '', 'application/json', 'application/yaml')).text)).toEqual(sampleDocument());
  });

  it('a publish refused for a problem in a commented YAML draft points at its line in that text, as the editor shows it', async () => {
    t = await flowsTestApp(engine);
    const commented = `# Line 1: a comment.\n# Line 2: another.\n${yamlText.replace('text: pong', 'text: "{{trigger.nope}}"')}`;
    const id = (await send('POST', '/api/integrations', t.ana.token, commented)).json.integration.id;
    const refused = await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'x' } });
    expect(refused.status).toBe(400);
    const line = commented.split('\n').findIndex((l) => l.includes('trigger.nope')) + 1;
    expect(refused.json.error.line).toBe(line);
  });

  it('bad YAML is a 400 with the line and column of the problem, and nothing is stored', async () => {
    t = await flowsTestApp(engine);
    const broken = await send('POST', '/api/integrations', t.ana.token, 'weft: integration/v1\nname: x\nflows:\n  - id: a\n   name: [unclosed\n');
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ code: 'invalid_document', line: expect.any(Number), column: expect.any(Number) });
    expect(broken.json.error.line).toBeGreaterThanOrEqual(4);

    // Valid YAML, but not a valid document: the problem is pointed at in the text.
    const wrong = await send('POST', '/api/integrations', t.ana.token, 'weft: integration/v1\nname: Wrong\nflows:\n  - id: Not An Id\n    name: x\n    trigger: { type: manual }\n    steps: []\n');
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'invalid_document', line: 4, column: 9 });
    expect(wrong.json.error.problems[0]).toMatchObject({ path: ['flows', 0, 'id'], line: 4, column: 9 });
    expect(wrong.json.error.message).toMatch(/line 4, column 9/);

    const badJson = await send('POST', '/api/integrations', t.ana.token, '{"weft": "integration/v1", "name": }', 'application/json');
    expect(badJson.status).toBe(400);
    expect(badJson.json.error).toMatchObject({ code: 'invalid_document', line: 1 });

    expect((await t.call('GET', '/api/integrations', { token: t.ana.token })).json.integrations).toEqual([]);
  });

  it('refuses an alias bomb and a document over the size limit with a 4xx, quickly', async () => {
    t = await flowsTestApp(engine);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const started = performance.now();
    const refused = await send('POST', '/api/integrations', t.ana.token, bomb);
    expect(refused.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(1000);

    const huge = `weft: integration/v1\nname: Big\ndocs: "${'x'.repeat(300 * 1024)}"\nflows: []\n`;
    const tooBig = await send('POST', '/api/integrations', t.ana.token, huge);
    expect(tooBig.status).toBe(413);
    // The document limit (256 KiB) is above the rest of the API's 64 KiB: a 100 KiB draft is fine.
    const docs = 'Notes. '.repeat(14_000);
    const large = await t.call('POST', '/api/integrations', { token: t.ana.token, body: { ...sampleDocument(), docs: docs.slice(0, 50_000) } });
    expect(large.status).toBe(201);
  });

  it('lists with search over name, description, category and labels (every word somewhere), by label and by category; only the caller’s', async () => {
    t = await flowsTestApp(engine);
    const make = (name: string, extra: object) => t.call('POST', '/api/integrations', { token: t.ana.token, body: { ...sampleDocument(name), ...extra } });
    await make('Deals to Slack', { description: 'Won deals, 100% of them', category: 'Sales', labels: ['HubSpot', 'slack'] });
    await make('Urgent bugs', { description: 'GitHub triage', category: 'Engineering', labels: ['github'] });
    await t.call('POST', '/api/integrations', { token: t.bo.token, body: sampleDocument('Bo’s deals') });
    const names = async (query: string) => (await t.call('GET', `/api/integrations${query}`, { token: t.ana.token })).json.integrations.map((i: { name: string }) => i.name);

    expect((await names('')).sort()).toEqual(['Deals to Slack', 'Urgent bugs']);
    expect(await names('?q=DEALS')).toEqual(['Deals to Slack']);
    expect(await names('?q=triage')).toEqual(['Urgent bugs']);
    expect(await names('?q=100%25')).toEqual(['Deals to Slack']);
    expect(await names('?q=%25')).toEqual(['Deals to Slack']);
    expect(await names('?label=hubspot')).toEqual(['Deals to Slack']);
    expect(await names('?label=hub')).toEqual([]);
    expect(await names('?category=engineering')).toEqual(['Urgent bugs']);
    expect(await names('?q=sales')).toEqual(['Deals to Slack']);
    expect(await names('?q=GitHub')).toEqual(['Urgent bugs']);
    expect(await names('?q=slack%20won')).toEqual(['Deals to Slack']);
    expect(await names('?q=urgent%20hubspot')).toEqual([]);
    expect(await names('?q=%20%20')).toHaveLength(2);
    expect(await names('?q=deals&category=engineering')).toEqual([]);

    // Any script, any case, composed or not: Weft folds both sides, not the database.
    await make('Équipe Ops', { description: 'Tickets de l’ÉQUIPE', category: 'Opérations', labels: ['Données'] });
    expect(await names('?q=équipe')).toEqual(['Équipe Ops']);
    expect(await names('?q=%C3%89QUIPE')).toEqual(['Équipe Ops']); // ÉQUIPE
    expect(await names('?q=e%CC%81quipe')).toEqual(['Équipe Ops']); // é as e + a combining accent
    expect(await names('?q=DONN%C3%89ES')).toEqual(['Équipe Ops']); // DONNÉES, a label
    expect(await names('?category=OP%C3%89RATIONS')).toEqual(['Équipe Ops']);
    expect(await names('?q=equipe')).toEqual([]);
  });

  it('replaces the draft, publishes numbered versions with a note and a content hash, and serves a version as JSON or YAML', async () => {
    t = await flowsTestApp(engine);
    const id = (await t.call('POST', '/api/integrations', { token: t.ana.token, body: sampleDocument() })).json.integration.id;
    const v1 = await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'First cut' } });
    expect(v1.status).toBe(201);
    expect(v1.json.version).toMatchObject({ version: 1, note: 'First cut', available: true, template: false, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const edited = await send('PUT', `/api/integrations/${id}/draft`, t.ana.token, yamlText);
    expect(edited.status).toBe(200);
    expect(edited.json.integration.name).toBe('From YAML');
    // The version already published did not change with the draft.
    expect((await t.call('GET', `/api/integrations/${id}/versions/1`, { token: t.ana.token })).json.version.document.name).toBe('Urgent bugs to Slack');

    const v2 = await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: {} });
    expect(v2.json.version).toMatchObject({ version: 2, note: '' });
    expect(v2.json.version.contentHash).not.toBe(v1.json.version.contentHash);

    const detail = await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token });
    expect(detail.json.integration.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.json.integration.latestVersion).toBe(2);

    // YAML export; importing it again gives the same document, so the same hash.
    const yaml = await send('GET', `/api/integrations/${id}/versions/1`, t.ana.token, '', 'application/json', 'application/yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parseYaml(yaml.text)).toEqual(sampleDocument());
    const again = await send('POST', '/api/integrations', t.ana.token, yaml.text);
    const reId = again.json.integration.id;
    const reV1 = await t.call('POST', `/api/integrations/${reId}/versions`, { token: t.ana.token, body: { note: 'Imported' } });
    expect(reV1.json.version.contentHash).toBe(v1.json.version.contentHash);

    expect((await t.call('GET', `/api/integrations/${id}/versions/3`, { token: t.ana.token })).status).toBe(404);
    expect((await t.call('GET', `/api/integrations/${id}/versions/abc`, { token: t.ana.token })).status).toBe(404);
  });

  it('publishing checks the draft on the trigger’s sample payload: a path the event does not have is a 400 with its line, and no version', async () => {
    t = await flowsTestApp(engine);
    const doc = sampleDocument();
    const first = doc.flows[0]!;
    doc.flows[0] = { ...first, steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: 'New: {{trigger.issue.titel}}' } }] };
    const id = (await t.call('POST', '/api/integrations', { token: t.ana.token, body: doc })).json.integration.id;
    const refused = await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'typo' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'invalid_document', line: expect.any(Number), column: expect.any(Number) });
    expect(refused.json.error.message).toMatch(/titel/);
    expect(refused.json.error.problems[0].path.slice(0, 3)).toEqual(['flows', 0, 'steps']);
    expect((await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })).json.integration.versions).toEqual([]);
  });

  it('two publishes at once get two numbers', async () => {
    t = await flowsTestApp(engine);
    const id = (await t.call('POST', '/api/integrations', { token: t.ana.token, body: sampleDocument() })).json.integration.id;
    const both = await Promise.all([1, 2, 3].map((n) => t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: `n${n}` } })));
    expect(both.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(both.map((r) => r.json.version.version).sort()).toEqual([1, 2, 3]);
  });

  it('marks a version unavailable or a template, and nothing else', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const patched = await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { available: false, template: true } });
    expect(patched.json.version).toMatchObject({ version: 1, available: false, template: true, note: 'First' });
    expect((await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: {} })).status).toBe(400);
    expect((await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { note: 'rewritten' } })).status).toBe(400);
    expect((await t.call('PATCH', `/api/integrations/${id}/versions/9`, { token: t.ana.token, body: { available: true } })).status).toBe(404);
  });

  it('forks: a new integration with the draft, its parent kept, no versions of its own', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const fork = await t.call('POST', `/api/integrations/${id}/fork`, { token: t.ana.token });
    expect(fork.status).toBe(201);
    expect(fork.json.integration).toMatchObject({ name: 'Copy of Urgent bugs to Slack', forkedFrom: id, versions: [], latestVersion: null });
    expect(fork.json.integration.draft.flows).toEqual(sampleDocument().flows);
    expect(fork.json.integration.id).not.toBe(id);
  });

  it('deletes an integration with its versions and instances, naming the instances; the detail lists them first', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const deployed = await t.call('POST', '/api/instances', { token: t.ana.token, body: { integrationId: id, version: 1, config: await t.anaConfig(), name: 'Eng alerts' } });
    expect(deployed.status).toBe(201);
    const detail = await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token });
    expect(detail.json.integration.instances.map((i: { name: string }) => i.name)).toEqual(['Eng alerts']);
    expect(detail.json.integration.instanceCount).toBe(1);

    const deleted = await t.call('DELETE', `/api/integrations/${id}`, { token: t.ana.token });
    expect(deleted.json).toEqual({ deleted: true, instancesRemoved: [{ id: deployed.json.instance.id, name: 'Eng alerts' }] });
    expect((await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })).status).toBe(404);
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances).toEqual([]);
    expect(await t.deps.db.selectFrom('integration_versions').selectAll().where('integration_id', '=', id).execute()).toEqual([]);
  });

  it('another user’s integration is a 404 on every route, and is left as it was', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const bo = t.bo.token;
    const tries = [
      await t.call('GET', `/api/integrations/${id}`, { token: bo }),
      await send('PUT', `/api/integrations/${id}/draft`, bo, yamlText),
      await t.call('POST', `/api/integrations/${id}/versions`, { token: bo, body: { note: 'x' } }),
      await t.call('GET', `/api/integrations/${id}/versions/1`, { token: bo }),
      await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: bo, body: { available: false } }),
      await t.call('POST', `/api/integrations/${id}/fork`, { token: bo }),
      await t.call('DELETE', `/api/integrations/${id}`, { token: bo }),
      await t.call('POST', '/api/instances', { token: bo, body: { integrationId: id, version: 1, config: {} } }),
    ];
    expect(tries.map((r) => [r.status, r.json.error.code])).toEqual(Array(tries.length).fill([404, 'not_found']));
    expect((await t.call('GET', '/api/integrations', { token: bo })).json.integrations).toEqual([]);
    const still = await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token });
    expect(still.json.integration).toMatchObject({ name: 'Urgent bugs to Slack', latestVersion: 1 });
    expect(still.json.integration.versions[0]).toMatchObject({ available: true });
  });

  it('without a session every route is a 401', async () => {
    t = await flowsTestApp(engine);
    for (const [method, path] of [['GET', '/api/integrations'], ['POST', '/api/integrations'], ['GET', '/api/instances'], ['GET', '/api/templates']] as const) {
      const res = await t.call(method, path, {});
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
