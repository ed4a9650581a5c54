import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { networkFailure } from '../../lib/network-failure';
import { isPublicAddress } from './public-address';

/** The addresses a host name resolves to; `dns.lookup` (the system's resolver) unless a test gives another. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface OutboundRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface OutboundOptions {
  /** WEFT_ALLOW_PRIVATE_HTTP=1: private, loopback and link-local addresses may be reached too. */
  allowPrivate: boolean;
  /** From the first byte sent to the last byte read. */
  timeoutMs: number;
  /** The largest answer body read; a larger one fails with `too_large`, or with `truncate` is cut there. */
  maxBytes: number;
  truncate?: boolean;
  signal?: AbortSignal;
  resolve?: Resolver;
  /** Certificates (PEM) trusted instead of the system's: tests serving HTTPS with their own. */
  ca?: string;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * Why a request did not get an answer. `refused` (a non-public address, a bad URL),
 * `not_found` (no such host), `certificate` (the server's certificate does not verify for
 * its name) and `too_large` will fail the same way again; `network` (refused connection,
 * reset, DNS hiccup) and `timeout` may not.
 */
export class OutboundError extends Error {
  override name = 'OutboundError';
  constructor(
    readonly kind: 'refused' | 'not_found' | 'certificate' | 'network' | 'timeout' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

const ALLOW_HINT = 'Weft calls only public addresses; a server meant to reach its own network can allow it with WEFT_ALLOW_PRIVATE_HTTP=1.';

/** The one address this request will connect to, checked; IP literals are checked as they are. */
async function pickAddress(hostname: string, options: OutboundOptions): Promise<{ address: string; family: 4 | 6 }> {
  const literal = isIP(hostname);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: hostname, family: literal }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') throw new OutboundError('not_found', `The host ${hostname} does not exist (DNS has no address for it).`);
      throw new OutboundError('network', `Could not look up ${hostname}: ${code ?? (error as Error).message}.`);
    }
    if (addresses.length === 0) throw new OutboundError('not_found', `The host ${hostname} does not exist (DNS has no address for it).`);
  }
  if (!options.allowPrivate) {
    // Every answer is checked, not only the one used: a name that resolves to a public and a
    // private address is someone steering requests, and round-robin would reach the private one.
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside) {
      const what = literal ? `${hostname} is` : `${hostname} resolves to ${inside.address}, which is`;
      throw new OutboundError('refused', `${what} a private, loopback or link-local address. ${ALLOW_HINT}`);
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * One HTTP(S) request to a URL a flow's author wrote, safe against server-side request
 * forgery: the host is resolved once, every address checked, and the socket connects to
 * exactly the address that was checked (a `lookup` that answers with it), so a DNS server
 * that changes its answer between the check and the connect (DNS rebinding) cannot swap in
 * 127.0.0.1. TLS still verifies the certificate for the host name. Redirects are not
 * followed (the answer is returned as it is), so no second, unchecked hop happens. The
 * whole exchange has one deadline and the answer's body one size bound.
 */
export async function pinnedRequest(request: OutboundRequest, options: OutboundOptions): Promise<OutboundResponse> {
  const { url } = request;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('refused', `Only http and https URLs can be called, not ${url.protocol.replace(/:$/, '')}.`);
  if (url.username || url.password) throw new OutboundError('refused', 'Put credentials in a header or a connection, not in the URL.');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const pinned = await pickAddress(hostname, options);
  const lookup: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (error instanceof OutboundError) return reject(error);
      if (deadline.aborted) return reject(new OutboundError('timeout', `${url.host} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`));
      if (options.signal?.aborted) return reject(options.signal.reason ?? error);
      const failed = networkFailure(error);
      if (failed.kind === 'certificate') {
        return reject(new OutboundError('certificate', `${url.host}'s certificate does not verify (${failed.code}: ${(error as Error).message}), so nothing was sent. Its owner must fix it; trying again will not help.`));
      }
      const code = (error as NodeJS.ErrnoException).code;
      reject(new OutboundError('network', `Could not reach ${url.host}: ${code ?? (error as Error).message}.`));
    };
    const req = client.request(
      {
        method: request.method, hostname, port: url.port || undefined, path: `${url.pathname}${url.search}`,
        headers: request.headers, lookup, agent: false, signal,
        // TLS verifies the certificate for the URL's name (sent as SNI), not for the address.
        ...(client === https ? { servername: isIP(hostname) ? undefined : hostname, ...(options.ca ? { ca: options.ca } : {}) } : {}),
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (declared > options.maxBytes && !options.truncate) {
          res.destroy();
          return fail(tooLarge(url, options.maxBytes));
        }
        const finish = (body: Buffer) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
          }
          resolve({ status: res.statusCode ?? 0, headers, body });
        };
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > options.maxBytes) {
            res.destroy();
            if (options.truncate) finish(Buffer.concat([...chunks, chunk]).subarray(0, options.maxBytes));
            else fail(tooLarge(url, options.maxBytes));
          } else chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => finish(Buffer.concat(chunks)));
      },
    );
    req.on('error', fail);
    req.end(request.body);
  });
}

const tooLarge = (url: URL, maxBytes: number) =>
  new OutboundError('too_large', `${url.host} answered with more than ${Math.round(maxBytes / 1024)} KB; Weft reads at most that much.`);
