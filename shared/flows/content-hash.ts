import type { IntegrationDocument } from './document';

// A version's content hash: the SHA-256 of its document in canonical JSON, so the same
// document hashes the same whichever format it came in, whatever order its keys were
// written in, and on either side (Web Crypto: Node and the extension alike). Two versions
// with equal hashes have equal documents; the editor can tell a draft already published.

/**
 * JSON with every object's keys sorted (by UTF-16 code units, as Array.prototype.sort does)
 * and no whitespace; `undefined` fields left out as JSON.stringify leaves them.
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`A ${typeof value} has no JSON form.`);
  return text;
}

/** @example await contentHash(document) // '3f0a…' (64 hex digits) */
export async function contentHash(document: IntegrationDocument): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(document)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
