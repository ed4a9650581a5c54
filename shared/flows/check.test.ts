import { describe, expect, it } from 'vitest';
import { checkDocument } from './check';
import type { IntegrationDocument } from './document';
import { parseIntegrationText } from './parse';

const head = `weft: integration/v1
name: Checks
configVars:
  - { key: channel, label: Slack channel, type: string, default: C0123456 }
  - { key: room, label: Room name, type: string, default: general }
  - { key: other, label: No default, type: string }
  - { key: slack, label: Slack, type: connection, provider: slack }
  - { key: hubspot, label: HubSpot, type: connection, provider: hubspot }
flows:
`;

/** Parses a document (it must pass parse.ts) and returns it with its text. */
function doc(flows: string): { document: IntegrationDocument; source: string } {
  const source = head + flows;
  const parsed = parseIntegrationText(source, 'application/yaml');
  if (!parsed.ok) throw new Error(`the test document should parse: ${JSON.stringify(parsed.errors)}`);
  return { document: parsed.document, source };
}

const check = (flows: string) => {
  const { document, source } = doc(flows);
  return checkDocument(document, { source }).map((p) => ({ message: p.message, line: p.line }));
};

/** One flow on `event` whose one step posts `input` to Slack. */
const slackFlow = (event: string, input: string, extra = '') => `  - id: f
    name: F
    trigger: { type: event, event: ${event}${extra} }
    steps:
      - id: post
        action: slack.post_message
        connection: slack
        input: ${input}
`;

describe('checkDocument', () => {
  it('accepts the issue example: its paths exist in the sample and its input renders to a valid post', () => {
    expect(check(slackFlow('github.issues.opened', `{ channel: '{{config.channel}}', text: 'New urgent bug: {{trigger.issue.title}}', link: { url: '{{trigger.issue.html_url}}', title: '#{{trigger.issue.number}} in {{trigger.repository.full_name}}' } }`, `, if: 'trigger.issue.labels.exists(l, l.name == "urgent")'`))).toEqual([]);
  });

  it('refuses a trigger path the provider never sends, suggesting the near one, at its {{', () => {
    const { document, source } = doc(slackFlow('github.issues.opened', `{ channel: C1, text: 'Bug: {{ trigger.issue.titel }}' }`));
    expect(checkDocument(document, { source })[0]).toMatchObject({ line: 17, column: 43 });
    expect(check(slackFlow('github.issues.opened', `{ channel: C1, text: 'Bug: {{ trigger.issue.titel }}' }`))).toEqual([
      {
        message: '`trigger.issue.titel`: github.issues.opened payloads have no field "titel" in trigger.issue (did you mean "title"?). Fields there: html_url, id, number, title, user, labels, state, locked, assignee, assignees, milestone, comments, created_at, updated_at, closed_at, author_association, active_lock_reason, body, draft. If it is sometimes sent, test for it with has(trigger.issue.titel).',
        line: 17,
      },
    ]);
  });

  it('follows macro variables into list items, and reads lists and text as such', () => {
    const problems = check(slackFlow('github.issues.opened', `{ channel: C1, text: '{{ trigger.issue.labels.map(l, l.nam) }} {{ trigger.issue.labels.name }} {{ trigger.issue.title.first }} {{ cel.bind(r, trigger.repository, r.ful_name) }}' }`));
    expect(problems.map((p) => p.message.split('. Fields')[0])).toEqual([
      '`trigger.issue.labels.map(l, l.nam)`: github.issues.opened payloads have no field "nam" in trigger.issue.labels[0] (did you mean "name"?)',
      '`trigger.issue.labels.name`: trigger.issue.labels is a list; read its items with an index ([0]) or exists(), map(), filter().',
      '`trigger.issue.title.first`: trigger.issue.title is text; it has no field "first".',
      '`cel.bind(r, trigger.repository, r.ful_name)`: github.issues.opened payloads have no field "ful_name" in trigger.repository (did you mean "full_name"?)',
    ]);
  });

  it('checks item paths and inputs inside a forEach over a list of the sample', () => {
    const flows = `  - id: each-label
    name: Each label
    trigger: { type: event, event: github.issues.opened }
    steps:
      - id: loop
        forEach:
          items: trigger.issue.labels.filter(l, l.name != "")
          steps:
            - { id: say, if: 'item.nme == "bug"', action: slack.post_message, connection: slack, input: { channel: C1, text: '{{ item.name }} #{{ index }}' } }
            - { id: bad, action: slack.post_message, connection: slack, input: { channel: '{{ item.color }}', text: x } }
`;
    expect(check(flows)).toEqual([
      { message: expect.stringMatching(/^`item.nme == "bug"`: github.issues.opened payloads have no field "nme" in item \(did you mean "name"\?\)/), line: 18 },
      { message: 'slack.post_message: A Slack channel id, e.g. C0123456. (as it renders from a sample github.issues.opened payload)', line: 19 },
    ]);
  });

  it('lets has() test for a field the sample lacks', () => {
    expect(check(slackFlow('github.issues.opened', `{ channel: C1, text: '{{ has(trigger.issue.type) ? trigger.issue.type.name : "none" }}' }`))).toEqual([]);
  });

  it('checks other providers’ samples: HubSpot deal changes and Slack messages', () => {
    const hubspot = `  - id: won
    name: Won
    trigger: { type: event, event: hubspot.deal.propertyChange, if: 'trigger.propertyName == "dealstage" && trigger.propertyValue == "closedwon"' }
    steps:
      - { id: note, action: hubspot.create_note, connection: hubspot, input: { object: deals, id: '{{ string(trigger.objectId) }}', body: 'Won!' } }
`;
    expect(check(hubspot)).toEqual([]);
    expect(check(slackFlow('slack.message', `{ channel: '{{ trigger.event.channel }}', text: 'Echo: {{ trigger.event.text }}' }`))).toEqual([]);
    expect(check(slackFlow('slack.message', `{ channel: C1, text: '{{ trigger.text }}' }`))[0]!.message).toContain('slack.message payloads have no field "text" in trigger. Fields there: token, team_id, api_app_id, type, event_id, event_time, authorizations, event.');
  });

  it('checks an action’s input: required fields, literal types, unknown fields', () => {
    expect(check(slackFlow('github.issues.opened', `{ channel: 7, link: { url: 'not a url', title: x }, colour: red }`))).toEqual([
      { message: 'slack.post_message has no input "colour"; its inputs: channel, text, link.', line: 17 },
      { message: 'slack.post_message: Channel should be text.', line: 17 },
      { message: 'slack.post_message: Text is required.', line: 17 },
      { message: 'slack.post_message: Url is not a valid URL (https://…).', line: 17 },
    ]);
  });

  it('points an input problem inside a list at its item', () => {
    const flows = `  - id: f
    name: F
    trigger: { type: event, event: github.issues.opened }
    steps:
      - id: open
        action: github.create_issue
        connection: github
        input:
          repo: '{{ trigger.repository.full_name }}'
          title: 'Follow-up: {{ trigger.issue.title }}'
          labels: [ops, 7]
`;
    const source = head.replace('flows:\n', '  - { key: github, label: GitHub, type: connection, provider: github }\nflows:\n') + flows;
    const parsed = parseIntegrationText(source, 'application/yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(checkDocument(parsed.document, { source })).toEqual([
      { message: 'github.create_issue: Labels (entry 2) should be text.', path: ['flows', 0, 'steps', 0, 'input', 'labels', 1], line: 21, column: 25 },
    ]);
  });

  it('checks templated inputs as they render from the sample and config defaults, and leaves the unknowable alone', () => {
    const problems = check(slackFlow('github.issues.opened', `{ channel: '{{ config.room }}', text: '{{ trigger.issue.number }}' }`));
    expect(problems.map((p) => p.message)).toEqual([
      'slack.post_message: A Slack channel id, e.g. C0123456. (as it renders from a sample github.issues.opened payload)',
      'slack.post_message: Text should be text. (as it renders from a sample github.issues.opened payload)',
    ]);
    // Config without a default, step outputs and manual input are only known when a run has them.
    expect(check(slackFlow('github.issues.opened', `{ channel: '{{ config.other }}', text: '{{ config.other }}' }`))).toEqual([]);
    expect(check(slackFlow('github.issues.opened', `{ channel: '{{ config.other }}', text: 'x' }`).replace('type: event, event: github.issues.opened', 'type: manual'))).toEqual([]);
  });

  it('refuses a HubSpot id given as a number, which the action would refuse on every run', () => {
    const flows = `  - id: won
    name: Won
    trigger: { type: event, event: hubspot.deal.propertyChange }
    steps:
      - { id: note, action: hubspot.create_note, connection: hubspot, input: { object: deals, id: '{{ trigger.objectId }}', body: 'Won!' } }
`;
    expect(check(flows).map((p) => p.message)).toEqual(['hubspot.create_note: Id should be text. (as it renders from a sample hubspot.deal.propertyChange payload)']);
  });

  it('refuses an if: that does not give true or false on the sample', () => {
    expect(check(slackFlow('github.issues.opened', `{ channel: C1, text: x }`, `, if: 'trigger.issue.title'`))).toEqual([
      { message: '`trigger.issue.title` must give true or false, but gave the text "Spelling error in the README file". (tried on a sample github.issues.opened payload)', line: 12 },
    ]);
  });

  it('refuses a body on a GET http step at the body, instead of dropping it on every run', () => {
    const http = (method: string, body: string) => `  - id: f
    name: F
    trigger: { type: event, event: github.issues.opened }
    steps:
      - id: fetch
        http:
          method: ${method}
          url: https://api.example.com/things
          body: ${body}
`;
    const { document, source } = doc(http('GET', `{ title: '{{trigger.issue.title}}' }`));
    expect(checkDocument(document, { source })).toEqual([{
      message: "A GET request has no body, so this one would not be sent. Use POST, PUT or PATCH to send it, or put its values in the URL's query.",
      path: ['flows', 0, 'steps', 0, 'http', 'body'], line: 18, column: 17,
    }]);
    expect(check(http('POST', `{ title: '{{trigger.issue.title}}' }`))).toEqual([]);
  });

  it('gives paths without a source, and checks nothing on triggers it has no sample for', () => {
    const { document } = doc(slackFlow('github.issues.opened', `{ channel: C1, text: '{{ trigger.issue.titel }}' }`));
    expect(checkDocument(document)).toEqual([{ message: expect.stringContaining('"titel"'), path: ['flows', 0, 'steps', 0, 'input', 'text'] }]);
    expect(checkDocument(doc(slackFlow('custom.deploys', `{ channel: C1, text: '{{ trigger.anything.at.all }}' }`)).document)).toEqual([]);
    expect(checkDocument(document, { samplePayload: () => ({ issue: { titel: 'x' } }) })).toEqual([]);
  });
});

/** One flow started by `trigger` (YAML flow map) whose one step posts `text` to Slack. */
const flowOn = (trigger: string, text: string) => `  - id: f
    name: F
    trigger: ${trigger}
    steps:
      - id: post
        action: slack.post_message
        connection: slack
        input: { channel: C1, text: '${text}' }
`;

describe('checkDocument on schedule, manual and webhook triggers', () => {
  it('a schedule: reads the tick the ticker fires with, and refuses a field it lacks at line:column', () => {
    expect(check(flowOn(`{ type: schedule, cron: '0 9 * * 1-5', timezone: Europe/Paris }`, 'Stand-up at {{ trigger.scheduledAt }} ({{ trigger.timezone }}, {{ trigger.cron }})'))).toEqual([]);
    const { document, source } = doc(flowOn(`{ type: schedule, cron: '0 9 * * 1-5' }`, 'At {{ trigger.nope }}'));
    expect(checkDocument(document, { source })).toEqual([
      {
        message: '`trigger.nope`: schedule ticks have no field "nope" in trigger. Fields there: scheduledAt, firedAt, cron, timezone. If it is sometimes sent, test for it with has(trigger.nope).',
        path: ['flows', 0, 'steps', 0, 'input', 'text'],
        line: 17,
        column: 41,
      },
    ]);
    // A catch-up run's marker is sent only then: has() reads it.
    expect(check(flowOn(`{ type: schedule, cron: '0 9 * * *', catchUp: last, if: '!has(trigger.caughtUp)' }`, 'x'))).toEqual([]);
    expect(check(flowOn(`{ type: schedule, cron: '0 9 * * *', if: 'trigger.timezone' }`, 'x'))[0]!.message).toContain('(tried on a sample schedule tick)');
  });

  it('a manual flow: its input schema\u2019s fields and the page entity of each place it is offered from', () => {
    const schema = `inputSchema: { type: object, properties: { reason: { type: string }, urgent: { type: boolean } }, required: [reason] }`;
    expect(check(flowOn(`{ type: manual, ${schema}, if: 'trigger.urgent' }`, '{{ trigger.reason }}'))).toEqual([]);
    expect(check(flowOn(`{ type: manual, from: [github.issue], if: 'trigger.number > 0' }`, '{{ trigger.repo }}#{{ trigger.number }}: {{ trigger.title }} {{ trigger.url }}'))).toEqual([]);
    expect(check(flowOn(`{ type: manual, from: [hubspot.record, selection] }`, '{{ trigger.name }} {{ trigger.objectType }} {{ trigger.text }} {{ trigger.pageTitle }}'))).toEqual([]);
    expect(check(flowOn(`{ type: manual, from: [github.issue] }`, '{{ trigger.titel }}'))[0]!.message).toMatch(/^`trigger.titel`: manual run inputs have no field "titel" in trigger \(did you mean "title"\?\)/);
    // From the popup only, without a schema, the input is {}: any field read would fail every run.
    expect(check(flowOn(`{ type: manual }`, '{{ trigger.reason }}'))[0]!.message).toContain('no field "reason"');
    // A schema open to any field says nothing about them.
    expect(check(flowOn(`{ type: manual, inputSchema: { type: object, additionalProperties: true } }`, '{{ trigger.anything }}'))).toEqual([]);
  });

  it('refuses event outside a flow started by an event, where a run has none', () => {
    expect(check(flowOn(`{ type: schedule, cron: '0 9 * * *' }`, 'Tick {{ event.id }}'))).toEqual([
      { message: '`event.id` reads event, which only a flow started by an event has; this one starts on a schedule trigger (read trigger instead).', line: 17 },
    ]);
    expect(check(flowOn(`{ type: manual, if: 'has(event.id)' }`, 'x')).map((p) => p.line)).toEqual([12]);
    expect(check(flowOn(`{ type: webhook }`, '{{ trigger.event.id }}'))).toEqual([]);
  });

  it('a webhook: any field of the body without a declared sample; the sample\u2019s fields with one', () => {
    expect(check(flowOn(`{ type: webhook, if: 'trigger.kind == "deploy"' }`, '{{ trigger.anything.at.all }}'))).toEqual([]);
    const sample = `sample: { deploy: { service: api, ok: true } }`;
    expect(check(flowOn(`{ type: webhook, ${sample}, if: 'trigger.deploy.ok' }`, '{{ trigger.deploy.service }}'))).toEqual([]);
    expect(check(flowOn(`{ type: webhook, ${sample} }`, '{{ trigger.deploy.servce }}'))[0]!.message).toMatch(/^`trigger.deploy.servce`: body like trigger.samples have no field "servce" in trigger.deploy \(did you mean "service"\?\)/);
  });
});
