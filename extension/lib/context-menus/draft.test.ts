import { describe, expect, it } from 'vitest';
import { draftFromClick, menuItems } from './draft';

describe('draftFromClick', () => {
  it('takes the selection, page and link', () => {
    expect(
      draftFromClick(
        { menuItemId: 'issue-from-selection', selectionText: '  Export fails for jane@example.com \n', pageUrl: 'https://support.example.com/t/42' },
        { title: 'Ticket 42 – Support', url: 'https://support.example.com/t/42' },
      ),
    ).toEqual({ kind: 'issue-from-selection', selection: 'Export fails for jane@example.com', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42 – Support', linkUrl: null });
    expect(draftFromClick({ menuItemId: 'issue-from-link', linkUrl: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/' }, { title: 'News' })).toMatchObject({
      kind: 'issue-from-link',
      selection: '',
      linkUrl: 'https://status.example.com/incidents/7',
    });
  });

  it('never keeps a non-web URL, and ignores menu items that are not Weft’s', () => {
    expect(draftFromClick({ menuItemId: 'slack', selectionText: 'x', linkUrl: 'javascript:alert(1)', pageUrl: 'chrome://settings' }, undefined)).toMatchObject({ pageUrl: null, linkUrl: null });
    expect(draftFromClick({ menuItemId: 'something-else' }, undefined)).toBeNull();
  });

  it('has one item per issue-4 trigger, selection and link', () => {
    expect(menuItems.map((m) => m.title)).toEqual([
      'Create GitHub issue from selection', 'Send to Slack…', 'Find in HubSpot', 'Add as HubSpot contact', 'Create GitHub issue linking this page',
    ]);
  });
});
