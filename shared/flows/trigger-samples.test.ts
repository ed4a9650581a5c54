import { describe, expect, it } from 'vitest';
import { githubEntityInput, hubspotEntityInput, linkInput, selectionInput } from '../../extension/lib/flows/page-input';
import { MANUAL_PLACE_SAMPLES, manualSample, sampleOfJsonSchema, triggerSample } from './trigger-samples';

const keys = (value: unknown) => Object.keys(value as object).sort();
const types = (value: unknown) => Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, typeof v]));

describe('trigger samples', () => {
  it('a manual place’s sample has the fields, of the types, the extension really sends from there', () => {
    const issue = githubEntityInput({ owner: 'octocat', repo: 'hello-world', number: 2, kind: 'issue' }, 'Export fails');
    const pull = githubEntityInput({ owner: 'octocat', repo: 'hello-world', number: 3, kind: 'pull' }, 'Stream it');
    const record = hubspotEntityInput({ portalId: '62515', object: 'companies', id: '10002' }, 'Acme Corp');
    const selection = selectionInput({ selectionText: 'Export fails', pageUrl: 'https://support.example.com/t/42' }, { title: 'Ticket 42' });
    const link = linkInput({ linkUrl: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/' }, { title: 'News' });
    expect(types(MANUAL_PLACE_SAMPLES['github.issue'])).toEqual(types(issue));
    expect(types(MANUAL_PLACE_SAMPLES['github.pull'])).toEqual(types(pull));
    expect(types(MANUAL_PLACE_SAMPLES['hubspot.record'])).toEqual(types(record));
    expect(types(MANUAL_PLACE_SAMPLES.selection)).toEqual(types(selection));
    expect(types(MANUAL_PLACE_SAMPLES.link)).toEqual(types(link));
  });

  it('a manual run’s input: the schema’s properties and every place’s fields; {} from the popup alone', () => {
    expect(manualSample({ type: 'manual' })).toEqual({});
    expect(keys(manualSample({ type: 'manual', from: ['github.issue', 'selection'], inputSchema: { type: 'object', properties: { reason: { type: 'string' } } } }))).toEqual(
      ['number', 'pageTitle', 'pageUrl', 'reason', 'repo', 'text', 'title', 'url'],
    );
    expect(manualSample({ type: 'manual', inputSchema: { type: 'object', additionalProperties: true } })).toBeUndefined();
  });

  it('a JSON Schema’s sample has a value of each property’s type, its default or first choice when it has one', () => {
    expect(
      sampleOfJsonSchema({
        properties: {
          note: { type: 'string' }, count: { type: 'integer' }, ok: { type: 'boolean' }, tier: { type: 'string', enum: ['gold', 'silver'] },
          tags: { type: 'array', items: { type: 'string' } }, owner: { type: 'object', properties: { login: { type: 'string', default: 'ada' } } }, free: {},
        },
      }),
    ).toEqual({ note: 'text', count: 1, ok: true, tier: 'gold', tags: ['text'], owner: { login: 'ada' }, free: null });
  });

  it('a webhook’s is its declared sample, or nothing to check against', () => {
    expect(triggerSample({ type: 'webhook', sample: { a: 1 } })).toEqual({ a: 1 });
    expect(triggerSample({ type: 'webhook' })).toBeUndefined();
    expect(triggerSample({ type: 'event', event: 'github.push' })).toBeUndefined();
  });
});
