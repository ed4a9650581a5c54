import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningEmulator {
  /** Origin to put in WEFT_<PROVIDER>_AUTH_URL / _API_URL, e.g. 'http://127.0.0.1:41234'. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves an emulator on 127.0.0.1 at a random free port (port 0), for tests and demos
 * that need a real origin: the Weft server in another process, or Chromium following
 * the consent page's redirect.
 *
 * @example const github = await startEmulator(createGithubEmulator().app); …; await github.close();
 */
export function startEmulator(app: Hono): Promise<RunningEmulator> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            // Keep-alive sockets from fetch would otherwise hold close() open for seconds.
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
