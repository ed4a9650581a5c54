import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@@/shared/protocol';
import { api } from './api';
import { ApiError } from './api-error';
import { createOAuthTabs } from './oauth-tabs';
import { lastOAuthOutcome, pendingOAuthTabs, session } from './settings';

const consentUrl = 'https://github.com/login/oauth/authorize?client_id=x&state=s';
const result = (query: string) => `http://localhost:8787/oauth/result?${query}`;
const connection = { id: 'con_1', provider: 'github', account: { id: '1', label: 'octocat' } } as Connection;

async function setup() {
  await session.setValue({ token: 't', user: { id: 'usr_1', email: 'ada@example.com', workspaceId: 'ws_1' } });
  const finished = vi.fn(async () => {});
  const oauthTabs = createOAuthTabs(finished);
  oauthTabs.listen();
  vi.spyOn(api, 'authorize').mockResolvedValue({ url: consentUrl });
  const claim = vi.spyOn(api, 'claimGrant').mockResolvedValue({ connection });
  const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined);
  const started = await oauthTabs.start({ provider: 'github', connectionId: 'c1' });
  const [tab] = await fakeBrowser.tabs.query({ url: consentUrl });
  return { finished, started, claim, reload, tabId: tab!.id! };
}

/**
 * The fake's `update` fires `onUpdated`, as a real navigation does, and resolves once the
 * listener's returned handling has: after it, what the extension did not do, it never will.
 */
async function navigate(tabId: number, url: string) {
  await fakeBrowser.tabs.update(tabId, { url });
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('OAuth tabs', () => {
  it('opens the consent page and remembers its tab for a Reconnect', async () => {
    const { started, tabId } = await setup();
    expect(started).toEqual({ ok: true });
    expect(api.authorize).toHaveBeenCalledWith('github', { connectionId: 'c1', name: undefined });
    expect(await pendingOAuthTabs.getValue()).toMatchObject({ [tabId]: { provider: 'github', connectionId: 'c1' } });
  });

  it('claims a granted consent with its own session, then reloads the tab so the page names the account', async () => {
    const { finished, claim, reload, tabId } = await setup();
    await navigate(tabId, result('grant=g-1&provider=github'));
    expect(finished).toHaveBeenCalledTimes(1);
    expect(claim).toHaveBeenCalledWith('g-1');
    expect(reload).toHaveBeenCalledWith(tabId);
    expect(await fakeBrowser.tabs.get(tabId)).toBeDefined();
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ provider: 'github', status: 'connected', message: 'Connected as octocat.' });
    expect(await pendingOAuthTabs.getValue()).toEqual({});
  });

  it('claims a grant once, however often its page loads', async () => {
    const { finished, claim, tabId } = await setup();
    await navigate(tabId, result('grant=g-1&provider=github'));
    expect(finished).toHaveBeenCalledTimes(1);
    await navigate(tabId, result('grant=g-1&provider=github#again'));
    await navigate(tabId, result('grant=g-1&provider=github'));
    expect(claim.mock.calls).toEqual([['g-1']]);
    await navigate(tabId, result('grant=g-2&provider=github'));
    expect(claim.mock.calls).toEqual([['g-1'], ['g-2']]);
  });

  it('claims a grant in a tab it did not open: the server discards it if another user started it', async () => {
    const { finished, claim } = await setup();
    claim.mockRejectedValue(new ApiError(404, 'not_found', 'This sign-in cannot be finished here.'));
    const other = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await navigate(other.id!, result('grant=sent-to-me&provider=github'));
    expect(finished).toHaveBeenCalledTimes(1);
    expect(claim).toHaveBeenCalledWith('sent-to-me');
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ status: 'error', message: 'This sign-in cannot be finished here.' });
  });

  it('shows its own message for a failure code, whatever text the URL carries, and leaves the tab open', async () => {
    const { finished, claim, tabId } = await setup();
    await navigate(tabId, 'https://github.com/login');
    expect(finished).not.toHaveBeenCalled();
    await navigate(tabId, result('status=denied&provider=github&message=Call%20us%20now'));
    expect(finished).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.tabs.get(tabId)).toBeDefined();
    const outcome = await lastOAuthOutcome.getValue();
    expect(outcome).toMatchObject({ status: 'denied', message: expect.stringMatching(/declined to give Weft access/) });
    expect(outcome!.message).not.toContain('Call us');
    expect(claim).not.toHaveBeenCalled();
  });

  it('ignores failure pages in tabs it did not open', async () => {
    const { finished } = await setup();
    const other = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await navigate(other.id!, result('status=denied&provider=github'));
    expect(finished).not.toHaveBeenCalled();
    expect(await lastOAuthOutcome.getValue()).toBeNull();
    const [own] = await fakeBrowser.tabs.query({ url: consentUrl });
    await navigate(own!.id!, result('status=error&provider=github'));
    expect(finished).toHaveBeenCalledTimes(1);
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ status: 'error' });
  });

  it('claims nothing when signed out, and says so for its own tab', async () => {
    const { finished, claim, tabId } = await setup();
    await session.setValue(null);
    await navigate(tabId, result('grant=g-1&provider=github'));
    expect(finished).toHaveBeenCalledTimes(1);
    expect(claim).not.toHaveBeenCalled();
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ status: 'error', message: expect.stringMatching(/signed out/) });
  });

  it('forgets a tab the user closed', async () => {
    const { tabId } = await setup();
    await fakeBrowser.tabs.onRemoved.trigger(tabId, { windowId: 0, isWindowClosing: false });
    expect(await pendingOAuthTabs.getValue()).toEqual({});
  });

  it('answers a server refusal as a result and opens nothing', async () => {
    const oauthTabs = createOAuthTabs(async () => {});
    const before = (await fakeBrowser.tabs.query({})).length;
    vi.spyOn(api, 'authorize').mockRejectedValue(new ApiError(400, 'not_configured', 'GitHub is not configured.'));
    const res = await oauthTabs.start({ provider: 'github' });
    expect(res).toEqual({ ok: false, code: 'not_configured', message: 'GitHub is not configured.' });
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before);
  });
});
