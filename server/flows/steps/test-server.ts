import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Over HTTPS: the host name the client asked for in its TLS hello (SNI). */
  servername?: string;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) for the outbound steps' tests: it records every
 * request that reached it, so "refused" is proven by nothing arriving, and answers with
 * whatever the test's handler says. With `tls` it serves HTTPS with that key and certificate.
 */
export async function startTestServer(handler: (req: SeenRequest, res: ServerResponse) => void, tls?: { key: string; cert: string }) {
  const seen: SeenRequest[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const servername = tls ? ((req.socket as TLSSocket).servername || undefined) : undefined;
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), ...(servername ? { servername } : {}) };
      seen.push(entry);
      handler(entry, res);
    });
  };
  const server = tls ? createTlsServer(tls, onRequest) : createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
