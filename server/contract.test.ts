import { describe, expect, it } from 'vitest';
import { apiResponses, nonJsonRoutes } from '../shared/protocol/routes';
import { checkResponse, contractGaps, parseServerMessage } from './testing/contract';
import { createTestApp } from './testing/test-app';

const documented = [...Object.keys(apiResponses), ...Object.keys(nonJsonRoutes)];

describe('one contract: every answer the server gives has its schema in shared/protocol', () => {
  it('every route the app registers is in shared/protocol/routes.ts, and every entry there is served', async () => {
    const t = await createTestApp();
    expect(contractGaps(t.app.routes, documented)).toEqual({ undocumented: [], unserved: [] });
    t.close();
  });

  it('the check finds a route added without a schema, and a schema left behind by a removed route', () => {
    const routes = [{ method: 'GET', path: '/health' }, { method: 'GET', path: '/api/new-thing' }, { method: 'ALL', path: '/api/*' }];
    expect(contractGaps(routes, ['GET /health', 'GET /api/old-thing'])).toEqual({ undocumented: ['GET /api/new-thing'], unserved: ['GET /api/old-thing'] });
  });

  it('an answer with a renamed field fails the check that every test call goes through', async () => {
    const t = await createTestApp();
    const { token } = await t.signUp();
    const { json } = await t.call('GET', '/api/auth/me', { token });
    expect(() => checkResponse('GET', '/api/auth/me', 200, json)).not.toThrow();
    const { workspaceId, ...rest } = json.user;
    expect(() => checkResponse('GET', '/api/auth/me', 200, { user: { ...rest, workspace: workspaceId } })).toThrow(/outside the contract[\s\S]*workspaceId/);
    t.close();
  });

  it('an action’s answer is checked against that action’s output schema; errors against {error:{code,message}}', () => {
    const issue = { number: 2, title: 'Add a dark mode', state: 'open', url: 'https://github.com/octocat/hello-world/issues/2', author: 'octocat', labels: [], assignees: [], isPullRequest: false, repo: 'octocat/hello-world', updatedAt: null };
    expect(() => checkResponse('POST', '/api/actions/github/get_issue', 200, { connectionId: 'c1', result: issue })).not.toThrow();
    // The same answer is not a Slack post: the schema is the action's, not a catch-all.
    expect(() => checkResponse('POST', '/api/actions/slack/post_message', 200, { connectionId: 'c1', result: issue })).toThrow(/outside the contract/);
    expect(() => checkResponse('POST', '/api/actions/github/get_issue', 409, { error: { code: 'not_connected', message: 'Connect GitHub first.' } })).not.toThrow();
    expect(() => checkResponse('POST', '/api/actions/github/get_issue', 409, { message: 'Connect GitHub first.' })).toThrow(/outside the contract/);
  });

  it('Weft’s own events carry the payload their schema says, in an events page as in a push frame', () => {
    const event = { id: 1, type: 'connection.updated', provider: 'github', workspaceId: 'w1', connectionId: 'c1', deliveryId: null, createdAt: '2026-01-01T00:00:00Z', summary: { title: 'GitHub (Work) deleted', url: null, actor: null, assignees: [], mentions: [], subject: null } };
    const deleted = { deleted: true, id: 'c1', change: { kind: 'deleted' } };
    expect(() => checkResponse('GET', '/api/events', 200, { events: [{ ...event, payload: deleted }], cursor: 1 })).not.toThrow();
    expect(() => checkResponse('GET', '/api/events', 200, { events: [{ ...event, payload: { removed: true, id: 'c1' } }], cursor: 1 })).toThrow(/connection.updated event's payload is outside the contract/);
    expect(() => parseServerMessage(JSON.stringify({ type: 'event', event: { ...event, payload: { removed: true } } }))).toThrow(/payload is outside the contract/);
    // A provider's event carries the provider's payload, whatever it is.
    expect(() => checkResponse('GET', '/api/events', 200, { events: [{ ...event, type: 'github.issues.opened', payload: { removed: true } }], cursor: 1 })).not.toThrow();
  });

  it('a JSON answer from a route the contract does not name fails', () => {
    expect(() => checkResponse('GET', '/api/unknown', 200, {})).toThrow(/has no schema for it/);
  });
});
