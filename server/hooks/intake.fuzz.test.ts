import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { githubHeaders, hubspotHeaders, slackHeaders, standardWebhookHeaders, WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { connectAccount, countEvents } from '../testing/webhooks';

// Webhook intake is the one unauthenticated surface that parses attacker-chosen bytes.
// Whatever arrives, it must answer 4xx rather than 5xx (a 5xx makes providers retry, and
// hides real faults), and only a valid signature may ever put an event in the log.

/**
 * Cases per property; WEFT_FUZZ_RUNS=5000 for a longer hunt. 200 draws each of the 11 body
 * shapes below about 18 times, so every shape meets every route with headers both plausible
 * and absurd; a property takes under a second here, under load.
 */
const RUNS = Number(process.env.WEFT_FUZZ_RUNS ?? 200);
/**
 * A property stopped by its time limit passes in fast-check's eyes, however few cases it
 * ran: the floor below is what makes a cut-short run fail. Each shape must have been tried
 * at least this often (with 200 runs, a shape drawn fewer than 3 times is a one-in-a-million
 * draw, not bad luck to retry).
 */
const MIN_CASES_PER_SHAPE = 3;
/** Per property: a hang fails with the count of cases that ran, not at vitest's timeout. */
const TIME_LIMIT_MS = process.env.WEFT_FUZZ_RUNS ? 600_000 : 8_000;

let t: TestApp;
let signed: { id: string; secret: string };
let unsignedId: string;

// --- bodies -----------------------------------------------------------------------------

/** Field names the parsers read, plus names that trip naive code (`String(x)` on `{toString: 1}` throws). */
const KEYS = [
  'action', 'repository', 'owner', 'login', 'sender', 'issue', 'pull_request', 'comment', 'installation', 'id', 'organization',
  'number', 'title', 'body', 'html_url', 'assignee', 'assignees', 'zen', 'type', 'challenge', 'event', 'event_id', 'team_id',
  'text', 'channel', 'ts', 'user', 'subscriptionType', 'eventId', 'portalId', 'objectId', 'propertyName', 'propertyValue',
  'changeSource', 'url', 'actor', '__proto__', 'constructor', 'toString', 'valueOf',
];
const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '.', 'a.b', 'contact.propertyChange', 'deal.creation', 'event_callback', 'url_verification', 'message', 'Codertocat', 'T123', 123, -0, 1e308),
  fc.constant({ toString: 1 }),
  fc.constant({ valueOf: null, toString: {} }),
);
const shaped = fc.letrec((tie) => ({
  obj: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('obj'), fc.array(tie('obj'), { maxLength: 3 })), { maxKeys: 8 }),
})).obj;
const hugeNumber = fc.tuple(fc.constantFrom('', '-'), fc.stringMatching(/^[1-9][0-9]{19,400}$/), fc.constantFrom('', '.5', 'e999', 'E-999', 'e+400'))
  .map(([sign, digits, tail]) => sign + digits + tail);

/** Bodies by shape; each case carries its shape's name so the cases that ran can be counted per shape. */
const BODY_SHAPES = {
  'any text': fc.string({ maxLength: 300 }),
  'binary text': fc.string({ unit: 'binary', maxLength: 300 }),
  'JSON': fc.json({ maxDepth: 3 }),
  'truncated JSON': fc.json({ maxDepth: 3 }).chain((j) => fc.nat(j.length).map((n) => j.slice(0, n))),
  'huge number': hugeNumber,
  'huge numbers in fields': hugeNumber.map((n) => `{"eventId": ${n}, "portalId": ${n}, "number": ${n}}`),
  'JSON array': fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }).map((a) => JSON.stringify(a)),
  'provider-shaped object': shaped.map((o) => JSON.stringify(o)),
  'provider-shaped array': fc.array(shaped, { maxLength: 4 }).map((a) => JSON.stringify(a)),
  'truncated provider-shaped': shaped.chain((o) => { const j = JSON.stringify(o); return fc.nat(j.length).map((n) => j.slice(0, n)); }),
  'edge cases': fc.constantFrom('', ' ', 'null', '[]', '{}', '""', '[{}]', '\u0000', '\uFEFF{}'),
} satisfies Record<string, fc.Arbitrary<string>>;
type Shape = keyof typeof BODY_SHAPES;
const body = fc.oneof(
  ...Object.entries(BODY_SHAPES).map(([shape, text]) => text.map((b) => ({ shape: shape as Shape, b }))),
);

/**
 * Counts the cases a property really ran, per body shape, and fails unless the run reached
 * RUNS cases with every shape tried MIN_CASES_PER_SHAPE times.
 */
function caseCounter() {
  const ran = new Map<Shape, number>();
  return {
    count(shape: Shape) {
      ran.set(shape, (ran.get(shape) ?? 0) + 1);
    },
    expectFloor() {
      const total = [...ran.values()].reduce((a, n) => a + n, 0);
      expect(total, `cases run (of ${RUNS}; did the ${TIME_LIMIT_MS} ms limit cut the run short?)`).toBeGreaterThanOrEqual(RUNS);
      const short = Object.keys(BODY_SHAPES).filter((shape) => (ran.get(shape as Shape) ?? 0) < MIN_CASES_PER_SHAPE);
      expect(short, `body shapes tried fewer than ${MIN_CASES_PER_SHAPE} times`).toEqual([]);
    },
  };
}

/** The body as the server reads it: UTF-8 out and back in (lone surrogates become U+FFFD, a BOM is dropped). */
const asServerReads = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));

const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(asServerReads(text)) };
  } catch {
    return { ok: false };
  }
};


// --- headers ----------------------------------------------------------------------------

/** Header values a fetch client can send: printable ASCII (Headers refuses CR, LF, NUL). */
const text = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const nowS = () => Math.floor(Date.now() / 1000);
/** Mostly plausible (so verification reaches the HMAC), sometimes absurd. */
const timestamp = (unit: 's' | 'ms') => fc.oneof(
  fc.integer({ min: -200, max: 200 }).map((d) => String(unit === 's' ? nowS() + d : Date.now() + d * 1000)),
  fc.stringMatching(/^[0-9]{1,30}$/),
  text,
);

const headers = fc.record(
  {
    'content-type': fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'), text),
    'x-hub-signature-256': fc.oneof(hex64.map((h) => `sha256=${h}`), text.map((s) => `sha1=${s}`), text),
    'x-github-event': fc.oneof(fc.constantFrom('issues', 'issue_comment', 'pull_request', 'ping', 'push'), text),
    'x-github-delivery': fc.oneof(fc.uuid(), text),
    'x-slack-signature': fc.oneof(hex64.map((h) => `v0=${h}`), text),
    'x-slack-request-timestamp': timestamp('s'),
    'x-hubspot-signature-v3': fc.oneof(fc.base64String({ minLength: 44, maxLength: 44 }), text),
    'x-hubspot-request-timestamp': timestamp('ms'),
    'webhook-id': fc.oneof(fc.uuid(), text),
    'webhook-timestamp': timestamp('s'),
    'webhook-signature': fc.oneof(fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => `v1,${s}`), text),
    'idempotency-key': text,
  },
  { requiredKeys: [] },
);

// --- properties -------------------------------------------------------------------------

const post = (path: string, b: string, h: Record<string, string>) => t.app.request(path, { method: 'POST', body: b, headers: h });
const options = { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS };

forEachEngine('webhook intake under random input', (engine) => {
  beforeAll(async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    // Connections that the fuzzed payloads can hit, so routing and event writing run too.
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'Codertocat' });
    await connectAccount(t, ada.user, 'hubspot', { id: '123', label: 'portal 123' });
    await connectAccount(t, ada.user, 'slack', { id: 'T123', label: 'team' });
    const a = await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'fuzz signed', signed: true } });
    const b = await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'fuzz unsigned', signed: false } });
    signed = { id: a.json.id, secret: a.json.secret };
    unsignedId = b.json.id;
  });
  afterAll(() => t.close());

  const signedRoutes = () => ['/hooks/github', '/hooks/hubspot', '/hooks/slack', `/hooks/custom/${signed.id}`];

  it.each(['github', 'hubspot', 'slack', 'custom (signed)'])('%s: unsigned or wrongly signed requests get a 4xx and write no event', async (name) => {
    const path = signedRoutes()[['github', 'hubspot', 'slack', 'custom (signed)'].indexOf(name)]!;
    const cases = caseCounter();
    await fc.assert(
      fc.asyncProperty(body, headers, async ({ shape, b }, h) => {
        cases.count(shape);
        const before = await countEvents(t);
        const res = await post(path, b, h);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await countEvents(t)).toBe(before);
      }),
      options,
    );
    cases.expectFloor();
  }, TIME_LIMIT_MS + 20_000);

  it('custom (unsigned): an event is written iff the answer is 202, which is iff the body is JSON (200 = a repeated key)', async () => {
    const cases = caseCounter();
    await fc.assert(
      fc.asyncProperty(body, headers, async ({ shape, b }, h) => {
        cases.count(shape);
        const before = await countEvents(t);
        const res = await post(`/hooks/custom/${unsignedId}`, b, h);
        const written = (await countEvents(t)) - before;
        if (!parse(b).ok) {
          // Refused: 400, or 429 once this address has been refused too often (rejections.ts).
          expect([res.status === 429 ? 400 : res.status, written]).toEqual([400, 0]);
        } else if (res.status === 200) {
          // Only a key seen before may be a duplicate.
          expect(h['webhook-id'] ?? h['idempotency-key']).toBeDefined();
          expect([await res.json(), written]).toMatchObject([{ duplicate: true }, 0]);
        } else {
          expect([res.status, written]).toEqual([202, 1]);
        }
      }),
      options,
    );
    cases.expectFloor();
  }, TIME_LIMIT_MS + 20_000);

  // The same bodies, correctly signed: now the parsers see them. Still never a 5xx, and an
  // event only with a 202.
  const sign: Record<string, (b: string) => Record<string, string>> = {
    github: (b) => githubHeaders(b, 'issues', randomUUID()),
    hubspot: (b) => hubspotHeaders(b),
    slack: (b) => slackHeaders(b),
    'custom (signed)': (b) => standardWebhookHeaders(signed.secret, b, `msg_${randomUUID()}`, nowS()),
  };
  it.each(Object.keys(sign))('%s: correctly signed random bodies never get a 5xx', async (name) => {
    const path = signedRoutes()[Object.keys(sign).indexOf(name)]!;
    const event = fc.oneof(fc.constantFrom('issues', 'issue_comment', 'pull_request', 'ping', 'push'), text.filter((s) => s.trim() !== ''));
    const cases = caseCounter();
    await fc.assert(
      fc.asyncProperty(body, event, async ({ shape, b }, githubEvent) => {
        cases.count(shape);
        const h = sign[name]!(b);
        if (name === 'github') h['x-github-event'] = githubEvent.trim();
        const before = await countEvents(t);
        const res = await post(path, b, h);
        expect(res.status, await res.clone().text()).toBeLessThan(500);
        if (res.status !== 202) expect(await countEvents(t)).toBe(before);
      }),
      options,
    );
    cases.expectFloor();
  }, TIME_LIMIT_MS + 20_000);

  // Found by the property above: parsers once coerced payload fields with String() and
  // template literals, which throw on an object with its own `toString` key (a 500).
  it('signed bodies with a non-string field that has its own toString get a 4xx, not a 500', async () => {
    const cases: [string, string, (b: string) => Record<string, string>][] = [
      ['/hooks/github', '{"action":{"toString":1}}', (b) => githubHeaders(b, 'push')],
      ['/hooks/hubspot', '[{"subscriptionType":{"toString":1}}]', hubspotHeaders],
      ['/hooks/slack', '{"type":{"toString":1}}', slackHeaders],
    ];
    const statuses = [];
    for (const [path, b, h] of cases) statuses.push((await post(path, b, h(b))).status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
