import { describe, expect, it } from 'vitest';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { issueDraft, titleFrom } from './prefill';

const draft = (over: Partial<ComposeDraft>): ComposeDraft => ({ kind: 'issue-from-selection', selection: '', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42', linkUrl: null, ...over });

describe('prefill', () => {
  it('titles from the first non-empty line, cut at a word', () => {
    expect(titleFrom('\n  Export to CSV fails  \nsecond line')).toBe('Export to CSV fails');
    const long = titleFrom('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('an issue from a selection quotes it and says where it came from', () => {
    expect(issueDraft(draft({ selection: 'Export fails\nfor jane@example.com' }))).toEqual({
      title: 'Export fails',
      body: '> Export fails\n> for jane@example.com\n\nFrom [Ticket 42](https://support.example.com/t/42)',
    });
  });

  it('an issue from a link points at it', () => {
    expect(issueDraft(draft({ kind: 'issue-from-link', linkUrl: 'https://status.example.com/incidents/7' }))).toEqual({
      title: 'Follow up: status.example.com/incidents/7',
      body: 'https://status.example.com/incidents/7\n\nFound on [Ticket 42](https://support.example.com/t/42)',
    });
  });
});
