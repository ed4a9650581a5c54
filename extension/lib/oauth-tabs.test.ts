import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { api } from './api';
import { ApiError } from './api-error';
import { createOAuthTabs } from './oauth-tabs';
import { lastOAuthOutcome, pendingOAuthTabs } from './settings';

const consentUrl = 'https://github.com/login/oauth/authorize?client_id=x&state=s';
const result = (query: string) => `http://localhost:8787/oauth/result?${query}`;

async function setup() {
  const finished = vi.fn(async () => {});
  const oauthTabs = createOAuthTabs(finished);
  oauthTabs.listen();
  vi.spyOn(api, 'authorize').mockResolvedValue({ url: consentUrl });
  const started = await oauthTabs.start({ provider: 'github', connectionId: 'c1' });
  const [tab] = await fakeBrowser.tabs.query({ url: consentUrl });
  return { finished, started, tabId: tab!.id! };
}

/** The fake's `update` fires `onUpdated`, as a real navigation does. */
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

  it('closes the tab on success, records it and reports it', async () => {
    const { finished, tabId } = await setup();
    await navigate(tabId, result('status=connected&provider=github&message=Connected'));
    await vi.waitFor(() => expect(finished).toHaveBeenCalled());
    expect(await fakeBrowser.tabs.get(tabId).catch(() => undefined)).toBeUndefined();
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ provider: 'github', status: 'connected' });
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('leaves a failed tab open for its explanation and records the message', async () => {
    const { finished, tabId } = await setup();
    await navigate(tabId, 'https://github.com/login');
    expect(finished).not.toHaveBeenCalled();
    await navigate(tabId, result('status=denied&provider=github&message=You%20denied%20access.'));
    await vi.waitFor(() => expect(finished).toHaveBeenCalled());
    expect(await fakeBrowser.tabs.get(tabId)).toBeDefined();
    expect(await lastOAuthOutcome.getValue()).toMatchObject({ status: 'denied', message: 'You denied access.' });
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('ignores tabs it did not open', async () => {
    const { finished } = await setup();
    const other = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await navigate(other.id!, result('status=connected&provider=github'));
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).not.toHaveBeenCalled();
    expect(await pendingOAuthTabs.getValue()).not.toEqual({});
  });

  it('forgets a tab the user closed', async () => {
    const { tabId } = await setup();
    await fakeBrowser.tabs.onRemoved.trigger(tabId, { windowId: 0, isWindowClosing: false });
    await vi.waitFor(async () => expect(await pendingOAuthTabs.getValue()).toEqual({}));
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
