import { describe, expect, it } from 'vitest';
import { networkFailure } from './network-failure';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
/** How Node's fetch (undici) reports a failure: a TypeError whose cause is the socket's error. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('networkFailure', () => {
  it('a connection never made proves nothing was sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(networkFailure(fetchFailed(coded(code)))).toEqual({ kind: 'not_sent', code });
    }
    // Every address of the host refused (Node tries each: an AggregateError of them).
    const all = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect'), { code: 'ECONNREFUSED' });
    expect(networkFailure(fetchFailed(all))).toEqual({ kind: 'not_sent', code: 'ECONNREFUSED' });
  });

  it('a reset, a closed socket or an unknown failure may have come after the request was read', () => {
    expect(networkFailure(fetchFailed(coded('ECONNRESET')))).toEqual({ kind: 'unknown', code: 'ECONNRESET' });
    expect(networkFailure(fetchFailed(coded('UND_ERR_SOCKET', 'other side closed')))).toEqual({ kind: 'unknown', code: 'UND_ERR_SOCKET' });
    expect(networkFailure(new TypeError('fetch failed'))).toEqual({ kind: 'unknown', code: undefined });
    // One address refused, the other timed out mid-way: not proof enough.
    const mixed = new AggregateError([coded('ECONNREFUSED'), coded('ETIMEDOUT')], 'connect');
    expect(networkFailure(fetchFailed(mixed)).kind).toBe('unknown');
  });

  it('a certificate that does not verify is its own kind: nothing was sent, and trying again will not help', () => {
    expect(networkFailure(fetchFailed(coded('DEPTH_ZERO_SELF_SIGNED_CERT')))).toEqual({ kind: 'certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(networkFailure(coded('ERR_TLS_CERT_ALTNAME_INVALID'))).toEqual({ kind: 'certificate', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});
