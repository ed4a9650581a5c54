import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { githubActions } from '@@/shared/providers/actions/github';
import { PushSocket } from '../../server/events/push-socket';
import type { ActionsTestApp } from '../../server/testing/actions-setup';
import { answerConsent } from '../../test/support/consent';
import { followCallback } from '../../server/testing/oauth-setup';
import { api } from './api';
import { ApiError } from './api-error';
import { parseServerMessage } from './push/server-message';
import { useRealServer } from './testing/real-server';

/**
 * The extension's API client against the real server, in process: every `api.*`
 * function reads a real answer with the schema it uses in the browser (the shared
 * contract), and the push client parses real WebSocket frames. api.test.ts covers the
 * client's own behaviour with hand-written answers; this file is what fails when the
 * server's answers change under the extension (a renamed field, a new required one).
 */

let server: ActionsTestApp;

beforeEach(async () => {
  fakeBrowser.reset();
  // GitHub's OAuth app, so that authorize and claim can run against the emulator's consent page.
  server = await useRealServer({ env: { WEFT_GITHUB_CLIENT_ID: 'github-client-id', WEFT_GITHUB_CLIENT_SECRET: 'github-client-secret' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  server.close();
});

describe('every api.* answer parses with the contract the extension reads it with', () => {
  it('accounts, the catalog and health', async () => {
    expect(await api.health()).toEqual({ ok: true });
    expect((await api.me()).user.email).toBe(server.user.email);
    const github = (await api.providers()).providers.find((p) => p.id === 'github');
    expect(github).toMatchObject({ configured: true, actions: { get_issue: { kind: 'read' } } });
    const signedUp = await api.signUp({ email: 'new@example.com', password: 'correct horse battery' });
    expect((await api.signIn({ email: 'new@example.com', password: 'correct horse battery' })).user.id).toBe(signedUp.user.id);
    expect(await api.signOut()).toEqual({ signedOut: true });
    await expect(api.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('connections: list, test, rename, authorize and claim, delete', async () => {
    const { connections } = await api.connections();
    expect(connections.map((c) => c.provider).sort()).toEqual(['github', 'hubspot', 'slack']);
    const github = connections.find((c) => c.provider === 'github')!;
    expect(await api.testConnection(github.id)).toMatchObject({ ok: true, connection: { id: github.id, status: 'active' } });
    expect((await api.updateConnection(github.id, { name: 'Work' })).connection.name).toBe('Work');

    const { url } = await api.authorize('github', { connectionId: github.id });
    const landed = await followCallback(server, await answerConsent(server.github.app, url, 'approve'));
    expect((await api.claimGrant(landed.result.grant!)).connection).toMatchObject({ id: github.id, provider: 'github' });

    const slack = connections.find((c) => c.provider === 'slack')!;
    expect(await api.deleteConnection(slack.id)).toMatchObject({ deleted: true, revoked: true });
  });

  it('custom webhooks, the delivery log, replay and the events page', async () => {
    const created = await api.createWebhook({ name: 'Deploys', signed: false });
    expect(created).toMatchObject({ name: 'Deploys', signed: false, secret: null });
    expect((await api.webhooks()).endpoints.map((e) => e.id)).toEqual([created.id]);
    expect((await server.call('POST', `/hooks/custom/${created.id}`, { body: { title: 'Deployed v2' } })).status).toBe(202);
    const [delivery] = (await api.deliveries()).deliveries;
    expect(delivery).toMatchObject({ provider: 'custom', endpointId: created.id, status: 'accepted', eventCount: 1 });
    expect(await api.replayDelivery(delivery!.id)).toMatchObject({ events: 1, delivery: { status: 'accepted' } });
    const page = await api.events(0);
    expect(page.events.filter((e) => e.type === `custom.${created.id}`).map((e) => e.summary.title)).toEqual(['Deploys: Deployed v2', 'Deploys: Deployed v2']);
    expect(page.cursor).toBe(page.events.at(-1)!.id);
    expect(await api.deleteWebhook(created.id)).toEqual({ deleted: true });
  });

  it('an action, its result read with the catalog’s output schema; a refusal as the server’s sentence', async () => {
    const { result } = await api.action({ provider: 'github', action: 'get_issue', input: { repo: 'octocat/hello-world', number: 2 } }, githubActions.get_issue.output);
    expect(result.title).toBe('Add a dark mode');
    const refused = await api.action({ provider: 'github', action: 'get_issue', input: { repo: 'no spaces allowed', number: 2 } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});

describe('push frames', () => {
  it('the server’s ready and event frames are what the extension’s push client accepts', async () => {
    const frames: string[] = [];
    const socket = new PushSocket(server.deps, { send: (text: string) => void frames.push(text), close: () => {}, raw: { bufferedAmount: 0 } });
    await socket.message(JSON.stringify({ type: 'hello', token: server.token, cursor: 0 }));
    await socket.message(JSON.stringify({ type: 'ping' }));
    const { id } = await api.createWebhook({ name: 'Deploys', signed: false });
    await server.call('POST', `/hooks/custom/${id}`, { body: { title: 'Deployed v2' } });
    await vi.waitFor(() => expect(frames.some((f) => f.includes('Deployed v2'))).toBe(true));
    socket.closedByPeer();
    const parsed = frames.map(parseServerMessage);
    expect(parsed).not.toContain(null);
    expect(parsed.map((m) => m!.type)).toEqual(expect.arrayContaining(['ready', 'pong', 'event']));
  });
});
