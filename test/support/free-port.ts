import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, on 127.0.0.1. For servers whose URL must be known
 * before they start (an OAuth redirect URI names it, a child process is told it); a
 * server that can be asked for its address afterwards listens on port 0 instead.
 *
 * Chosen below the kernel's ephemeral range: a port the kernel handed out for port 0 and
 * took back is handed out again to the next listener on port 0 (an emulator started
 * between this call and the server's listen took it once: EADDRINUSE in an e2e set-up).
 * Ports below that range are only ever taken by someone asking for them by number.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const floor = 10_000;
  if (low - floor > 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = floor + Math.floor(Math.random() * (low - floor));
      if (await isFree(port)) return port;
    }
  }
  return listenOnce(0);
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // Not Linux: the IANA dynamic range, where most other systems start theirs.
  }
  return [49152, 65535];
}

const isFree = (port: number) => listenOnce(port).then(() => true, () => false);

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as { port: number };
      probe.close(() => resolve(bound));
    });
  });
}
