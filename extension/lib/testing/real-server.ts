import { vi } from 'vitest';
import { actionsTestApp, type ActionsSetupOptions, type ActionsTestApp } from '../../../server/testing/actions-setup';
import { serverUrl, session } from '../settings';

const origin = 'http://weft.test';

/**
 * The real Weft server, in process, with the GitHub, HubSpot and Slack emulators behind
 * it and a signed-in user holding one connection to each: the extension's own `fetch`
 * reaches it, so what the extension reads is what the server's real actions answer.
 * Call `vi.unstubAllGlobals()` and `close()` after each test.
 *
 * @example const server = await useRealServer(); await loadChoices('slack_channels'); server.close();
 */
export async function useRealServer(options: ActionsSetupOptions = {}): Promise<ActionsTestApp> {
  const server = await actionsTestApp(options);
  await serverUrl.setValue(origin);
  await session.setValue({ token: server.token, user: server.user });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) throw new TypeError(`fetch failed: ${request.url} is not the test server`);
    return server.app.request(request);
  });
  return server;
}
