import { vi } from 'vitest';
import { flowsTestApp, type FlowsTestApp } from '../../../server/flows/runner/testing';
import type { Engine } from '../../../server/store/engine';
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
  return serve(await actionsTestApp(options));
}

/**
 * The same, with the flow runner working behind it (its jobs and event follower) and
 * `deploy` to put an integration in place as an instance of the signed-in user's.
 */
export async function useRealFlowsServer(engine: Engine): Promise<FlowsTestApp> {
  return serve(await flowsTestApp(engine));
}

async function serve<T extends ActionsTestApp>(server: T): Promise<T> {
  await serverUrl.setValue(origin);
  await session.setValue({ token: server.token, user: server.user });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) throw new TypeError(`fetch failed: ${request.url} is not the test server`);
    return server.app.request(request);
  });
  return server;
}
