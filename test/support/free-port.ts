import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, on 127.0.0.1. For servers whose URL must be known
 * before they start (an OAuth redirect URI names it, a child process is told it); a
 * server that can be asked for its address afterwards listens on port 0 instead.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}
