import { describe, expect, it } from 'vitest';
import { expressionPaths, scopeSuggestions } from './suggestions';

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
    expect(scopeSuggestions(doc, { n: 1 }, ['find'], true)).toEqual(['trigger.n', 'event.id', 'event.type', 'event.receivedAt', 'config.channel', 'steps.find']);
  });
});
