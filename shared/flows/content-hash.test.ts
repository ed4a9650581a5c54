import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';
import type { IntegrationDocument } from './document';
import { parseIntegrationText, toYaml } from './parse';

const document: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Urgent bugs to Slack',
  labels: ['github'],
  configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
  flows: [
    {
      id: 'urgent-bug',
      name: 'Urgent bug',
      trigger: { type: 'event', event: 'github.issues.opened', if: 'trigger.issue.number > 0' },
      steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: 'C1', text: 'Bug: {{ trigger.issue.title }}', 'é': 1.5 } }],
    },
  ],
};

/** The same document with every object's keys written in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined, n: null })).toBe('{"a":[2,{"c":4,"d":3}],"b":1,"n":null}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ s: 'line\n"quoted"' })).toBe('{"s":"line\\n\\"quoted\\""}');
  });

  it('keeps a __proto__ key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the canonical JSON', async () => {
    const expected = createHash('sha256').update(canonicalJson(document)).digest('hex');
    expect(await contentHash(document)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same whatever the key order or the format the document came in', async () => {
    const hash = await contentHash(document);
    expect(await contentHash(reversedKeys(document) as IntegrationDocument)).toBe(hash);
    const viaYaml = parseIntegrationText(toYaml(document), 'application/yaml');
    const viaJson = parseIntegrationText(JSON.stringify(reversedKeys(document), null, 2), 'application/json');
    if (!viaYaml.ok || !viaJson.ok) throw new Error('the document should parse');
    expect(await contentHash(viaYaml.document)).toBe(hash);
    expect(await contentHash(viaJson.document)).toBe(hash);
  });

  it('changes with any change to the content', async () => {
    const hash = await contentHash(document);
    const renamed = structuredClone(document);
    renamed.flows[0]!.steps[0]!.id = 'notify2';
    expect(await contentHash(renamed)).not.toBe(hash);
    const retyped = structuredClone(document) as unknown as { flows: { steps: { input: Record<string, unknown> }[] }[] };
    retyped.flows[0]!.steps[0]!.input['é'] = '1.5';
    expect(await contentHash(retyped as unknown as IntegrationDocument)).not.toBe(hash);
  });
});
