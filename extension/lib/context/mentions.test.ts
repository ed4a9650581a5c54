import { describe, expect, it } from 'vitest';
import { companyDomainOf, mentionsIn } from './mentions';

describe('mentionsIn', () => {
  it('finds addresses first, then company domains', () => {
    expect(mentionsIn('Customer request from Example Corp (jane@example.com): the dashboard is too bright at night.')).toEqual(['jane@example.com', 'example.com']);
    expect(mentionsIn('Requested by octocat@github.com and bob@acme.io; see https://acme.io/pricing')).toEqual(['octocat@github.com', 'bob@acme.io', 'github.com', 'acme.io']);
    expect(mentionsIn('Seen at www.initech.com and initech.com')).toEqual(['initech.com']);
  });

  it('leaves out free mail, file names and GitHub’s own hosts', () => {
    expect(mentionsIn('from someone@gmail.com about README.md and package.json on github.com')).toEqual(['someone@gmail.com']);
    expect(mentionsIn('12345+octocat@users.noreply.github.com')).toEqual(['12345+octocat@users.noreply.github.com']);
    expect(mentionsIn("I'm having a problem with this.")).toEqual([]);
  });

  it('caps the list', () => {
    expect(mentionsIn(Array.from({ length: 20 }, (_, i) => `a${i}@c${i}.com`).join(' '), 3)).toHaveLength(3);
  });

  it('company domains of addresses', () => {
    expect(companyDomainOf('jane@example.com')).toBe('example.com');
    expect(companyDomainOf('someone@gmail.com')).toBeNull();
    expect(companyDomainOf(null)).toBeNull();
  });
});
