import type { Hono } from 'hono';

/**
 * A fetch that answers from in-process emulator apps by origin, e.g.
 * `{ 'http://github.test': createGithubEmulator().app }`. The server under test uses it
 * exactly as it uses the real fetch; only the network hop is skipped. Unknown origins
 * fail like an unreachable host does.
 */
export function emulatedFetch(apps: Record<string, Hono>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const app = apps[new URL(request.url).origin];
    if (!app) throw new TypeError(`fetch failed: no emulator for ${new URL(request.url).origin}`);
    return app.request(request);
  }) as typeof fetch;
}
