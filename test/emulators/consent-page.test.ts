import { describe, expect, it } from 'vitest';
import { escapeHtml, renderConsentPage, renderErrorPage } from './consent-page';

describe('consent page', () => {
  const page = renderConsentPage({
    provider: 'GitHub',
    appName: 'Weft "<b>"',
    scopes: ['repo', '<img src=x onerror=alert(1)>'],
    account: "o'cat & co",
    redirectUri: 'https://weft.test/cb?a=1&b="2"',
    action: '/login/oauth/authorize',
    requestId: 'r"1',
  });

  it('has one form with #approve and #deny submitting the decision', () => {
    expect(page).toContain('<button type="submit" id="approve" name="decision" value="approve">Approve</button>');
    expect(page).toContain('<button type="submit" id="deny" name="decision" value="deny">Deny</button>');
    expect(page.match(/<form /g)).toHaveLength(1);
  });

  it('escapes every interpolated value', () => {
    expect(page).not.toMatch(/<img|<b>|"2"|r"1|o'cat/);
    expect(page).toContain('Weft &#34;&#60;b&#62;&#34;');
    expect(page).toContain('value="r&#34;1"');
    expect(renderErrorPage('Slack', '<x>', '"y"')).not.toMatch(/<x>|"y"/);
  });

  it('escapeHtml covers the five HTML metacharacters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });
});
