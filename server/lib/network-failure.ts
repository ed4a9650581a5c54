/**
 * What a failed HTTP request (fetch / undici, or node:http) tells about whether the other
 * side could have seen it:
 * - `not_sent`: the connection was never made (refused, no route, the name did not resolve,
 *   the connect timed out, the TLS handshake failed before a byte of the request left), so
 *   sending it again cannot do anything twice;
 * - `certificate`: the server's certificate did not verify. Nothing was sent either, but
 *   trying again gives the same answer until someone fixes the certificate;
 * - `unknown`: anything else (a reset or a closed socket, which can come after the server
 *   read the whole request, a body that stopped mid-way): the request may have been done.
 */
export type NetworkFailure = { kind: 'not_sent' | 'certificate' | 'unknown'; code?: string };

/** Node's and undici's codes for a failure before the connection carried anything. */
const NOT_SENT = new Set([
  'ECONNREFUSED', // nothing listens there
  'ENOTFOUND', // the name does not resolve
  'EAI_AGAIN', // the resolver failed for now
  'EAI_FAIL',
  'ENODATA',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', // undici gave up connecting
]);

/** OpenSSL's verification results and Node's host name check: the certificate, not the network. */
const CERTIFICATE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The codes on an error, its causes and (for a connect that tried several addresses) its inner errors. */
function codes(error: unknown, seen = new Set<unknown>()): string[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const own = (error as { code?: unknown }).code;
  const inner = (error as { errors?: unknown }).errors;
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...codes((error as { cause?: unknown }).cause, seen),
    ...(Array.isArray(inner) ? inner.flatMap((e) => codes(e, seen)) : []),
  ];
}

/**
 * @example
 * networkFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))
 * // { kind: 'not_sent', code: 'ECONNREFUSED' }
 */
export function networkFailure(error: unknown): NetworkFailure {
  const all = codes(error);
  const certificate = all.find((c) => CERTIFICATE.has(c));
  if (certificate) return { kind: 'certificate', code: certificate };
  // An OpenSSL error during the handshake (ERR_SSL_…): the request was not written yet.
  const notSent = all.find((c) => NOT_SENT.has(c) || c.startsWith('ERR_SSL_'));
  if (notSent && all.every((c) => NOT_SENT.has(c) || c.startsWith('ERR_SSL_'))) return { kind: 'not_sent', code: notSent };
  return { kind: 'unknown', code: all[0] };
}
