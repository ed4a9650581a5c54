import { describe, expect, it } from 'vitest';
import { githubEntityInput, githubPlace, hubspotEntityInput, linkInput, selectionInput } from './page-input';

describe('page inputs', () => {
  it('a GitHub issue or pull request: repo, number, title and canonical URL', () => {
    expect(githubEntityInput({ owner: 'octocat', repo: 'hello-world', number: 2, kind: 'issue' }, ' Export fails ')).toEqual({
      repo: 'octocat/hello-world', number: 2, title: 'Export fails', url: 'https://github.com/octocat/hello-world/issues/2',
    });
    expect(githubEntityInput({ owner: 'o', repo: 'r', number: 7, kind: 'pull' }, null)).toEqual({ repo: 'o/r', number: 7, title: 'o/r#7', url: 'https://github.com/o/r/pull/7' });
    expect([githubPlace('issue'), githubPlace('pull')]).toEqual(['github.issue', 'github.pull']);
  });

  it('a HubSpot record: object type, id, name and record URL', () => {
    expect(hubspotEntityInput({ portalId: '62515', object: 'deals', id: '30001' }, 'Acme renewal')).toEqual({
      objectType: 'deals', id: '30001', name: 'Acme renewal', url: 'https://app.hubspot.com/contacts/62515/record/0-3/30001',
    });
  });

  it('a selection: its text trimmed and bounded, and the page', () => {
    expect(selectionInput({ selectionText: '  Export fails \n', pageUrl: 'https://support.example.com/t/42' }, { title: ' Ticket 42 ' })).toEqual({
      text: 'Export fails', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42',
    });
    expect(selectionInput({ selectionText: 'x'.repeat(20_000) }, undefined)?.text).toHaveLength(10_000);
    expect(selectionInput({ selectionText: '   ' }, undefined)).toBeNull();
    expect(selectionInput({ selectionText: 'hi', pageUrl: 'chrome://settings' }, undefined)).toEqual({ text: 'hi', pageUrl: null, pageTitle: '' });
  });

  it('a link: http(s) only', () => {
    expect(linkInput({ linkUrl: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/' }, { title: 'News' })).toEqual({
      url: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/', pageTitle: 'News',
    });
    expect(linkInput({ linkUrl: 'javascript:alert(1)' }, undefined)).toBeNull();
  });
});
