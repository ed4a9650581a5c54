import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { LIMITS, type IntegrationDocument } from './document';
import { parseIntegrationText, toYaml, type ParseResult } from './parse';

const YAML = 'application/yaml';

const example = `weft: integration/v1
name: Urgent bugs to Slack
description: Posts every new issue labelled urgent.
category: Engineering
labels: [GitHub, slack]
docs: |
  Label an issue **urgent** when you open it.
configVars:
  - { key: channel, label: Slack channel, type: string, default: C0123456 }
  - { key: slack, label: Slack, type: connection, provider: slack }
  - { key: github, label: GitHub, type: connection, provider: github }
flows:
  - id: urgent-bug
    name: Urgent bug to Slack
    trigger:
      type: event
      event: github.issues.opened
      connection: github
      if: 'trigger.issue.labels.exists(l, l.name == "urgent")'
    steps:
      - id: notify
        action: slack.post_message
        connection: slack
        input: { channel: '{{config.channel}}', text: 'New urgent bug: {{trigger.issue.title}}' }
`;

function errorsOf(result: ParseResult) {
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

function documentOf(result: ParseResult): IntegrationDocument {
  if (!result.ok) throw new Error(`expected a document, got ${JSON.stringify(result.errors)}`);
  return result.document;
}

/** The example with its flows replaced (YAML text from line 12 on). */
function withFlows(flowsYaml: string): string {
  return example.slice(0, example.indexOf('flows:\n')) + flowsYaml;
}

describe('parseIntegrationText: reading', () => {
  it('reads the issue example from YAML, and the same document from JSON', () => {
    const fromYaml = documentOf(parseIntegrationText(example, 'application/yaml; charset=utf-8'));
    expect(fromYaml.labels).toEqual(['github', 'slack']);
    expect(fromYaml.flows[0]!.steps[0]).toMatchObject({ id: 'notify', action: 'slack.post_message', input: { text: 'New urgent bug: {{trigger.issue.title}}' } });
    const fromJson = documentOf(parseIntegrationText(JSON.stringify(fromYaml, null, 2), 'application/json'));
    expect(fromJson).toEqual(fromYaml);
  });

  it('refuses a content type that is neither YAML nor JSON, and a document over the size limit', () => {
    expect(errorsOf(parseIntegrationText(example, 'text/html'))[0]!.message).toContain('YAML (application/yaml) or JSON');
    const big = example + `# ${'x'.repeat(LIMITS.documentBytes)}\n`;
    expect(errorsOf(parseIntegrationText(big, YAML))).toEqual([{ message: 'The document is larger than 256 KiB.' }]);
    // Bytes, not characters: 100k three-byte characters are 300 KB.
    expect(errorsOf(parseIntegrationText(example + `# ${'€'.repeat(100_000)}\n`, YAML))[0]!.message).toContain('larger than 256 KiB');
  });

  it('refuses a YAML alias bomb ("billion laughs") well within 100 ms', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      rows.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
    }
    const bomb = rows.join('\n') + '\n';
    // The best of three: the bound is on the work done, not on how busy the machine is.
    const elapsed = Math.min(
      ...[1, 2, 3].map(() => {
        const started = performance.now();
        const errors = errorsOf(parseIntegrationText(bomb, YAML));
        const took = performance.now() - started;
        expect(errors).toEqual([{ message: 'The document expands its aliases (*name) more than 100 times; write the repeated parts out instead.', line: 2, column: 8 }]);
        return took;
      }),
    );
    console.info(`billion laughs refused in ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(100);
  });

  it('accepts a few aliases, as hand-written YAML uses them', () => {
    const text = withFlows(`flows:
  - id: one
    name: One
    trigger: &manual { type: manual }
    steps: []
  - id: two
    name: Two
    trigger: *manual
    steps: []
`);
    expect(documentOf(parseIntegrationText(text, YAML)).flows[1]!.trigger).toEqual({ type: 'manual' });
  });

  it('gives the line and column of a YAML syntax error, a duplicate key and an unknown tag', () => {
    // The parser reports an unclosed [ where it finds out: at the next line's start.
    expect(errorsOf(parseIntegrationText('weft: integration/v1\nname: [unclosed\nflows: []\n', YAML))[0]).toMatchObject({ message: expect.stringContaining('Flow sequence'), line: 3, column: 1 });
    expect(errorsOf(parseIntegrationText('weft: integration/v1\nname: a\nname: b\n', YAML))[0]).toMatchObject({ message: 'Map keys must be unique', line: 3, column: 1 });
    expect(errorsOf(parseIntegrationText('weft: integration/v1\nname: !!js/function "x"\n', YAML))[0]).toMatchObject({ message: expect.stringContaining('Unresolved tag'), line: 2, column: 7 });
  });

  it('gives the line and column of a JSON syntax error, whatever the engine says', () => {
    expect(errorsOf(parseIntegrationText('{\n  "weft": "integration/v1",\n}', 'application/json'))).toEqual([{ message: 'Not valid JSON: Expected double-quoted property name.', line: 3, column: 1 }]);
    expect(errorsOf(parseIntegrationText('{\n  "weft": tru\n}', 'application/json'))).toEqual([{ message: 'Not valid JSON here.', line: 2, column: 11 }]);
    expect(errorsOf(parseIntegrationText('{\n  "name": "a",\n  "name": "b"\n}', 'application/json'))[0]).toMatchObject({ message: 'Map keys must be unique', line: 3, column: 3 });
  });

  it('refuses an empty document and one nested past the limit, without overflowing the stack', () => {
    expect(errorsOf(parseIntegrationText('', YAML))[0]!.message).toContain('should be a map');
    const deep = '{"weft": "integration/v1", "deep": ' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
    expect(errorsOf(parseIntegrationText(deep, 'application/json'))[0]!.message).toMatch(/nested (more than 100 levels|too deeply)/);
    const deepYaml = 'weft: integration/v1\ndeep: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
    expect(errorsOf(parseIntegrationText(deepYaml, YAML))[0]!.message).toMatch(/nested|deep/i);
  });
});

describe('parseIntegrationText: schema errors carry line and column', () => {
  it('points at the wrong value in YAML and in JSON', () => {
    const yamlErrors = errorsOf(parseIntegrationText(example.replace('name: Urgent bugs to Slack', 'name: 7'), YAML));
    expect(yamlErrors).toEqual([{ message: 'Name should be text.', path: ['name'], line: 2, column: 7 }]);
    const json = JSON.stringify({ weft: 'integration/v1', name: 'x', flows: [{ id: 'Bad Id', name: 'x', trigger: { type: 'manual' }, steps: [] }] }, null, 2);
    const jsonErrors = errorsOf(parseIntegrationText(json, 'application/json'));
    expect(jsonErrors).toEqual([{ message: expect.stringContaining('lower-case id'), path: ['flows', 0, 'id'], line: 6, column: 13 }]);
  });

  it('points a missing field at the map that lacks it', () => {
    const text = withFlows(`flows:
  - id: a
    trigger: { type: manual }
    steps: []
`);
    expect(errorsOf(parseIntegrationText(text, YAML))).toEqual([{ message: 'Name is required.', path: ['flows', 0, 'name'], line: 13, column: 5 }]);
  });

  it('names what a step lacks instead of every kind of step it is not', () => {
    const text = withFlows(`flows:
  - id: a
    name: A
    trigger: { type: manual }
    steps:
      - id: post
        action: slack.post_message
        input: { channel: C1, text: hi }
      - id: odd
        sleep: 5m
      - id: outer
        branch:
          - steps:
              - id: inner
                delay: 5
`);
    expect(errorsOf(parseIntegrationText(text, YAML))).toEqual([
      { message: 'Connection is required.', path: ['flows', 0, 'steps', 0, 'connection'], line: 17, column: 9 },
      { message: 'A step needs one of: action, http, webhook, delay, branch, forEach.', path: ['flows', 0, 'steps', 1], line: 20, column: 9 },
      { message: 'Delay should be text.', path: ['flows', 0, 'steps', 2, 'branch', 0, 'steps', 0, 'delay'], line: 26, column: 24 },
    ]);
  });
});

describe('parseIntegrationText: fields the schema does not know', () => {
  it('refuses a misspelt field and a second kind on one step instead of dropping them', () => {
    const text = withFlows(`flows:
  - id: a
    name: A
    trigger: { type: manual, iff: 'true' }
    steps:
      - id: both
        delay: 5m
        http: { method: GET, url: 'https://example.com' }
      - { id: typo, delay: 1s, retry: { attempts: 2, backof: fixed } }
`);
    expect(errorsOf(parseIntegrationText(text, YAML))).toEqual([
      { message: 'Unknown field "iff": it would be ignored. Fields here: type.', path: ['flows', 0, 'trigger', 'iff'], line: 15, column: 30 },
      { message: 'A step is one kind only, but this one has http and delay.', path: ['flows', 0, 'steps', 0, 'delay'], line: 18, column: 9 },
      { message: 'Unknown field "backof": it would be ignored. Fields here: attempts.', path: ['flows', 0, 'steps', 1, 'retry', 'backof'], line: 20, column: 54 },
    ]);
  });
});

describe('parseIntegrationText: a webhook trigger\'s sample body', () => {
  it('keeps a declared sample as written (any JSON), and a trigger without one stays valid', () => {
    const text = withFlows(`flows:
  - id: hooked
    name: Hooked
    trigger:
      type: webhook
      sample: { deploy: { service: api, ok: true, tags: [blue] }, attempt: 2 }
    steps: []
  - id: bare
    name: Bare
    trigger: { type: webhook }
    steps: []
`);
    const [hooked, bare] = documentOf(parseIntegrationText(text, YAML)).flows;
    expect(hooked!.trigger).toEqual({ type: 'webhook', sample: { deploy: { service: 'api', ok: true, tags: ['blue'] }, attempt: 2 } });
    expect(bare!.trigger).toEqual({ type: 'webhook' });
    expect(documentOf(parseIntegrationText(toYaml(documentOf(parseIntegrationText(text, YAML))), YAML)).flows[0]!.trigger).toEqual(hooked!.trigger);
  });
});

describe('parseIntegrationText: references', () => {
  const flowsWith = (steps: string, trigger = '{ type: manual }') =>
    withFlows(`flows:\n  - id: f\n    name: F\n    trigger: ${trigger}\n    steps:\n${steps.replace(/^/gm, '      ').trimEnd()}\n`);

  it('accepts steps reading earlier steps, and item inside a forEach', () => {
    const text = flowsWith(`- id: first
  delay: 1s
- id: each
  forEach:
    items: 'trigger.list'
    steps:
      - id: post
        action: slack.post_message
        connection: slack
        input: { channel: C1, text: '{{ item }} {{ string(index) }} {{ steps.first }}' }
- id: last
  if: 'has(steps.post.ts)'
  delay: '{{ steps["each"] }}'`);
    expect(parseIntegrationText(text, YAML).ok).toBe(true);
  });

  it('refuses duplicate flow ids and duplicate step ids, nested ones included', () => {
    const text = withFlows(`flows:
  - { id: f, name: F, trigger: { type: manual }, steps: [{ id: s, delay: 1s }, { id: b, branch: [{ steps: [{ id: s, delay: 1s }] }] }] }
  - { id: f, name: G, trigger: { type: manual }, steps: [] }
`);
    expect(errorsOf(parseIntegrationText(text, YAML))).toEqual([
      { message: 'The flow id "f" is used twice (first at entry 1); ids must be unique.', path: ['flows', 1, 'id'], line: 14, column: 11 },
      { message: 'The step id "s" in flow "f" is used twice (first at entry 1); ids must be unique.', path: ['flows', 0, 'steps', 1, 'branch', 0, 'steps', 0, 'id'], line: 13, column: 114 },
    ]);
  });

  it('refuses a connection that is missing, not a connection, or of another provider', () => {
    const text = flowsWith(`- { id: a, action: slack.post_message, connection: slak, input: {} }
- { id: b, action: slack.post_message, connection: channel, input: {} }
- { id: c, action: slack.post_message, connection: github, input: {} }
- { id: d, http: { method: GET, url: 'https://example.com', connection: nope } }`, '{ type: event, event: github.issues.opened, connection: slack }');
    expect(errorsOf(parseIntegrationText(text, YAML)).map((e) => [e.message, e.line])).toEqual([
      ['The connection "slack" is a slack connection; this needs github. Use one of: github.', 15],
      ['There is no config variable "slak". Use one of: slack.', 17],
      ['The config variable "channel" is a string, not a connection. Use one of: slack.', 18],
      ['The connection "github" is a github connection; this needs slack. Use one of: slack.', 19],
      ['There is no config variable "nope". Use one of: slack, github.', 20],
    ]);
  });

  it('refuses an action the catalog does not have', () => {
    const text = flowsWith(`- { id: a, action: slack.post_mesage, connection: slack }
- { id: b, action: nowhere.do_it, connection: slack }`);
    const messages = errorsOf(parseIntegrationText(text, YAML)).map((e) => e.message);
    expect(messages[0]).toBe('Slack has no action "post_mesage"; it offers: list_channels, post_message, post_thread.');
    expect(messages[1]).toBe('There is no provider "nowhere" in the catalog.');
  });

  it(`refuses branch / forEach nested more than ${LIMITS.stepNesting} deep`, () => {
    let steps = '[{ id: leaf, delay: 1s }]';
    for (let i = 6; i >= 1; i--) steps = `[{ id: n${i}, branch: [{ steps: ${steps} }] }]`;
    const errors = errorsOf(parseIntegrationText(flowsWith(`- { id: top, delay: 1s }\n- ${steps.slice(1, -1)}`), YAML));
    expect(errors.map((e) => e.message)).toEqual(['Step "leaf" is nested 7 levels deep in branch / forEach steps; 5 at most.', 'Step "n6" is nested 6 levels deep in branch / forEach steps; 5 at most.'].reverse());
  });

  it('refuses an expression that does not parse, at its line and column (a template’s at its {{)', () => {
    const text = flowsWith(`- id: a
  if: 'trigger.x =='
  delay: 1s
- id: b
  delay: '{{ trigger.x + }}'
- id: c
  forEach: { items: 'process.env', steps: [] }
- id: d
  webhook: { url: 'https://x.example/{{ trigger.id', body: {} }`);
    expect(errorsOf(parseIntegrationText(text, YAML)).map((e) => [e.message.split(':')[0], e.line, e.column])).toEqual([
      ['`trigger.x ==`', 18, 13],
      ['`trigger.x +`', 21, 17], // at its {{, inside the string
      ['`process.env`', 23, 27],
      ['A {{ is never closed with }}. In', 25, 44],
    ]);
  });

  it('refuses reading a step that has not run yet, an enclosing step, and item outside a forEach', () => {
    const text = flowsWith(
      `- id: a
  action: slack.post_message
  connection: slack
  input: { channel: C1, text: '{{ steps.b.ts }}' }
- id: b
  delay: 1s
- id: loop
  forEach:
    items: trigger.list
    steps:
      - { id: inner, delay: '{{ steps.loop }}' }
- { id: c, delay: '{{ item }}' }`,
      "{ type: manual, if: 'has(steps.a)' }",
    );
    expect(errorsOf(parseIntegrationText(text, YAML)).map((e) => [e.message, e.line])).toEqual([
      ['`has(steps.a)` reads steps.a, but no step "a" runs before this one.', 15],
      ['`steps.b.ts` reads steps.b, but no step "b" runs before this one.', 20],
      ['`steps.loop` reads steps.loop, which has not finished yet: a step nested in "loop" runs before it ends.', 27],
      ['`item` reads item, which only exists inside a forEach step.', 28],
    ]);
  });
});

describe('toYaml', () => {
  it('round-trips the example and a document using every kind of step', () => {
    const rich = withFlows(`flows:
  - id: all-kinds
    name: 'Every kind: of step'
    description: "Quotes ' and \\" and # and {{ }}"
    trigger: { type: schedule, cron: '0 9 * * 1-5', timezone: Europe/Paris, catchUp: last }
    steps:
      - { id: wait, delay: 15m, retry: { attempts: 3, backoff: exponential, delayMs: 1000 } }
      - id: call
        http:
          method: POST
          url: 'https://api.example.com/{{ config.channel }}'
          headers: { x-yes: 'yes', x-num: '1.50', x-null: 'null' }
          body: { list: [1, 2.5, true, null, '{{ trigger }}'], nested: { deep: '  spaced  ' }, empty: {}, none: [] }
      - { id: hook, webhook: { url: 'https://hooks.example.com', body: '{{ steps.call }}' } }
      - id: pick
        branch:
          - { if: 'steps.call.status == 200', steps: [{ id: ok, delay: 1s }] }
          - steps: [{ id: loop, forEach: { items: 'steps.call.items', steps: [{ id: each, delay: '{{ item }}' }] } }]
  - id: by-hand
    name: By hand
    trigger: { type: manual, from: [popup, github.issue], inputSchema: { type: object, properties: { note: { type: string } } } }
    steps: []
  - id: hooked
    name: Hooked
    trigger: { type: webhook, signed: true, if: 'trigger.kind == "x"' }
    steps: []
`);
    for (const text of [example, rich]) {
      const document = documentOf(parseIntegrationText(text, YAML));
      const yaml = toYaml(document);
      let aliases = 0;
      visit(parseDocument(yaml), { Alias: () => void aliases++ });
      expect(aliases).toBe(0);
      expect(documentOf(parseIntegrationText(yaml, YAML))).toEqual(document);
    }
  });
});
