import { describe, expect, it } from 'vitest';
import { expressionPaths, scopeSuggestions, suggestionLabel } from './suggestions';

describe('expression suggestions', () => {
  it('walks the sample payload: nested fields, lists named once, odd keys quoted', () => {
    const sample = { action: 'opened', issue: { title: 'Crash', labels: [{ name: 'urgent' }], user: { login: 'ada' } }, 'x-id': 1 };
    expect(expressionPaths(sample, 'trigger')).toEqual([
      'trigger.action',
      'trigger.issue',
      'trigger.issue.title',
      'trigger.issue.labels',
      'trigger.issue.user',
      'trigger.issue.user.login',
      'trigger["x-id"]',
    ]);
  });

  it('a huge payload yields a bounded list', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { a: 1 }]));
    expect(expressionPaths(wide, 'trigger').length).toBe(300);
  });

  it('adds the event, config keys and earlier steps', () => {
    const doc = { configVars: [{ key: 'channel', label: 'Channel', type: 'string' as const }] };
    expect(scopeSuggestions(doc, { type: 'event', event: 'x.y' }, { n: 1 }, { earlier: ['find'] })).toEqual(['trigger.n', 'event.id', 'event.type', 'event.receivedAt', 'config.channel', 'steps.find']);
  });

  it('inside a forEach: item, the fields of a sample item, and index', () => {
    expect(scopeSuggestions({}, { type: 'manual' }, {}, { inForEach: true, item: { name: 'bug' } })).toEqual(['item', 'item.name', 'index']);
  });

  it('a webhook without a sample body offers the whole body, saying any field of it can be read', () => {
    expect(scopeSuggestions({}, { type: 'webhook' }, undefined)).toEqual(['trigger']);
    expect(suggestionLabel('trigger')).toBe('trigger: any field of the request body (trigger.<field>)');
    expect(scopeSuggestions({}, { type: 'webhook', sample: { kind: 'x' } }, { kind: 'x' })).toEqual(['trigger.kind']);
  });
});
