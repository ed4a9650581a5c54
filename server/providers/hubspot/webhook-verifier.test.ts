import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../hooks/verify-result';
import { hubspotSignatureV3, verifyHubspotSignatureV1, verifyHubspotSignatureV3 } from './webhook-verifier';

const clientSecret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const messageOf = (result: VerifyResult) => (result.ok ? '' : result.message);

/*
 * HubSpot publishes no v3 example, so the vectors are derived here, independently of Weft's
 * signer, from its documented recipe (developers.hubspot.com/docs/api/webhooks/validating-requests):
 *
 *   X-HubSpot-Signature-v3 = base64( HMAC-SHA256( key = the app's client secret,
 *                                    message = method + URI + raw body + X-HubSpot-Request-Timestamp ) )
 *
 * where the URI is the full URL HubSpot called, with %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A
 * %2C %3B decoded first (and no other escape: %20 stays), and the timestamp is in milliseconds.
 * Each message is written out by hand below; the base64 results are pinned as literals.
 */
const ts = 1700000000000;
const rawBody = '{"example_field":"example_value"}';
const hmacBase64 = (message: string) => createHmac('sha256', clientSecret).update(message).digest('base64');
/** A URI with nothing to decode. */
const plainMessage = 'POST' + 'https://www.example.com/webhook_uri' + rawBody + '1700000000000';
const PLAIN_SIGNATURE = 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=';
/** HubSpot called ...?next=https%3A%2F%2Fapp.example.com%2Fa%20b: %3A and %2F are decoded before signing, %20 is not. */
const escapedUri = 'https://www.example.com/webhook_uri?next=https%3A%2F%2Fapp.example.com%2Fa%20b';
const escapedMessage = 'POST' + 'https://www.example.com/webhook_uri?next=https://app.example.com/a%20b' + rawBody + '1700000000000';
const ESCAPED_SIGNATURE = 'g3R0BXSSixpu+2/A/viFfv4OJWzSvysbWrYfKh+Y8c8=';

const v3 = {
  clientSecret,
  method: 'POST',
  uri: 'https://www.example.com/webhook_uri',
  rawBody,
  timestampHeader: String(ts),
  signatureHeader: PLAIN_SIGNATURE,
  nowMs: ts,
};
/** Signs `v3` with some fields changed, so a test isolates one check. */
const signed = (changes: Partial<typeof v3>) => {
  const request = { ...v3, ...changes };
  return { ...request, signatureHeader: hubspotSignatureV3({ ...request, timestamp: request.timestampHeader }) };
};

describe('HubSpot v3 vectors, derived from the documented recipe', () => {
  it('the recipe on node:crypto gives the pinned signatures', () => {
    expect(hmacBase64(plainMessage)).toBe(PLAIN_SIGNATURE);
    expect(hmacBase64(escapedMessage)).toBe(ESCAPED_SIGNATURE);
  });

  it('tells apart the usual mistakes: each misreading of the recipe signs differently', () => {
    const uri = 'https://www.example.com/webhook_uri';
    const misreadings = {
      'timestamp before body': 'POST' + uri + '1700000000000' + rawBody,
      'no method': uri + rawBody + '1700000000000',
      'timestamp in seconds': 'POST' + uri + rawBody + '1700000000',
    };
    for (const [name, message] of Object.entries(misreadings)) expect(hmacBase64(message), name).not.toBe(PLAIN_SIGNATURE);
    expect(createHmac('sha256', clientSecret).update(plainMessage).digest('hex'), 'hex digest').not.toBe(PLAIN_SIGNATURE);
    const escapedMisreadings = {
      'URI not decoded': 'POST' + escapedUri + rawBody + '1700000000000',
      'URI fully decoded (decodeURIComponent)': 'POST' + decodeURIComponent(escapedUri) + rawBody + '1700000000000',
    };
    for (const [name, message] of Object.entries(escapedMisreadings)) expect(hmacBase64(message), name).not.toBe(ESCAPED_SIGNATURE);
  });
});

describe('verifyHubspotSignatureV3', () => {
  it('signs and accepts the derived vectors', () => {
    expect(hubspotSignatureV3({ ...v3, timestamp: ts })).toBe(PLAIN_SIGNATURE);
    expect(verifyHubspotSignatureV3(v3)).toEqual({ ok: true });
    expect(hubspotSignatureV3({ ...v3, uri: escapedUri, timestamp: ts })).toBe(ESCAPED_SIGNATURE);
    expect(verifyHubspotSignatureV3({ ...v3, uri: escapedUri, signatureHeader: ESCAPED_SIGNATURE })).toEqual({ ok: true });
  });

  it('refuses one byte of body changed, the wrong secret, another method or URI', () => {
    expect(verifyHubspotSignatureV3({ ...v3, rawBody: '{"example_field":"example_valuE"}' })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyHubspotSignatureV3({ ...v3, clientSecret: clientSecret.replace('y', 'z') })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyHubspotSignatureV3({ ...v3, method: 'PUT' })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyHubspotSignatureV3({ ...v3, uri: 'https://www.example.com/other' })).toMatchObject({ reason: 'bad_signature' });
  });

  it('refuses missing and malformed headers', () => {
    expect(verifyHubspotSignatureV3({ ...v3, signatureHeader: undefined })).toMatchObject({ reason: 'missing_signature' });
    expect(verifyHubspotSignatureV3({ ...v3, signatureHeader: '' })).toMatchObject({ reason: 'missing_signature' });
    expect(verifyHubspotSignatureV3({ ...v3, timestampHeader: undefined })).toMatchObject({ reason: 'missing_timestamp' });
    expect(verifyHubspotSignatureV3({ ...v3, timestampHeader: '2023-11-14T22:13:20Z' })).toMatchObject({ reason: 'missing_timestamp' });
    expect(verifyHubspotSignatureV3({ ...v3, signatureHeader: 'rQEKkaNU' })).toMatchObject({ reason: 'bad_signature' });
    // A hex digest (the v1 format) in the v3 header.
    expect(verifyHubspotSignatureV3({ ...v3, signatureHeader: 'ab'.repeat(32) })).toMatchObject({ reason: 'bad_signature' });
  });

  it('takes the timestamp in milliseconds: 300,000 ms either way passes, 301 s old or ahead does not', () => {
    expect(verifyHubspotSignatureV3({ ...v3, nowMs: ts + 300_000 })).toEqual({ ok: true });
    expect(verifyHubspotSignatureV3({ ...v3, nowMs: ts - 300_000 })).toEqual({ ok: true });
    const stale = verifyHubspotSignatureV3({ ...v3, nowMs: ts + 301_000 });
    expect(stale).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(messageOf(stale)).toMatch(/X-HubSpot-Request-Timestamp is 301 s old/);
    expect(verifyHubspotSignatureV3({ ...v3, nowMs: ts - 301_000 })).toMatchObject({ reason: 'stale_timestamp' });
    // Seconds where milliseconds are due read as 1970, and are refused.
    expect(verifyHubspotSignatureV3(signed({ timestampHeader: String(ts / 1000) }))).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('decodes %3A and %2F (either case) in the URI before signing', () => {
    const decoded = signed({ uri: 'https://www.example.com/webhook_uri?next=https://app.example.com/a' });
    expect(verifyHubspotSignatureV3({ ...decoded, uri: 'https://www.example.com/webhook_uri?next=https%3A%2F%2Fapp.example.com%2Fa' })).toEqual({ ok: true });
    expect(verifyHubspotSignatureV3({ ...decoded, uri: 'https://www.example.com/webhook_uri?next=https%3a%2f%2fapp.example.com%2fa' })).toEqual({ ok: true });
  });

  it('decodes all twelve listed escapes and nothing else: %20 stays', () => {
    const decoded = signed({ uri: "https://www.example.com/h?q=:/?@!$'()*,;" });
    expect(verifyHubspotSignatureV3({ ...decoded, uri: 'https://www.example.com/h?q=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B' })).toEqual({ ok: true });

    const encodedSpace = signed({ uri: 'https://www.example.com/h?q=a%20b' });
    expect(verifyHubspotSignatureV3(encodedSpace)).toEqual({ ok: true });
    expect(verifyHubspotSignatureV3({ ...encodedSpace, uri: 'https://www.example.com/h?q=a b' })).toMatchObject({ reason: 'bad_signature' });
  });

  it('throws on an empty client secret', () => {
    expect(() => verifyHubspotSignatureV3({ ...v3, clientSecret: '' })).toThrow(/WEFT_HUBSPOT_CLIENT_SECRET is empty/);
  });
});

describe('verifyHubspotSignatureV1', () => {
  // HubSpot's official v1 example: https://developers.hubspot.com/docs/api/webhooks/validating-requests
  const rawBody =
    '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
  const signatureHeader = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';

  it("accepts HubSpot's official vector", () => {
    expect(verifyHubspotSignatureV1({ clientSecret, rawBody, signatureHeader })).toEqual({ ok: true });
  });

  it('refuses a changed body, the wrong secret, missing and malformed headers', () => {
    expect(verifyHubspotSignatureV1({ clientSecret, rawBody: rawBody.replace('"objectId":123', '"objectId":124'), signatureHeader })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyHubspotSignatureV1({ clientSecret: 'x', rawBody, signatureHeader })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyHubspotSignatureV1({ clientSecret, rawBody, signatureHeader: undefined })).toMatchObject({ reason: 'missing_signature' });
    expect(verifyHubspotSignatureV1({ clientSecret, rawBody, signatureHeader: `sha256=${signatureHeader}` })).toMatchObject({ reason: 'bad_signature' });
  });
});
