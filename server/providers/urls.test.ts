import { describe, expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { createUrlResolver } from './urls';

const github = findProvider('github')!;

describe('provider URL overrides', () => {
  it('leaves real URLs alone when nothing is set', () => {
    const resolve = createUrlResolver(github, {});
    expect(resolve('https://github.com/login/oauth/authorize')).toBe('https://github.com/login/oauth/authorize');
  });

  it('swaps only the origin: web host by AUTH_URL, API host by API_URL; paths stay the provider’s', () => {
    const resolve = createUrlResolver(github, { authOrigin: 'http://127.0.0.1:4001', apiOrigin: 'http://127.0.0.1:4002' });
    expect(resolve('https://github.com/login/oauth/access_token')).toBe('http://127.0.0.1:4001/login/oauth/access_token');
    expect(resolve('https://api.github.com/user?x=1')).toBe('http://127.0.0.1:4002/user?x=1');
    expect(resolve('https://api.github.com/applications/{client_id}/token')).toBe('http://127.0.0.1:4002/applications/{client_id}/token');
  });

  it('one host serving web and API (slack.com) follows whichever override is set', () => {
    const slack = findProvider('slack')!;
    expect(createUrlResolver(slack, { authOrigin: 'http://127.0.0.1:5000' })('https://slack.com/api/auth.test')).toBe(
      'http://127.0.0.1:5000/api/auth.test',
    );
    expect(createUrlResolver(slack, { apiOrigin: 'http://127.0.0.1:5001' })('https://slack.com/oauth/v2/authorize')).toBe(
      'http://127.0.0.1:5001/oauth/v2/authorize',
    );
  });

  it('a per-customer host ({subdomain}) is replaced by the customer origin', () => {
    const zendesk = findProvider('zendesk')!;
    const resolve = createUrlResolver(zendesk, { authOrigin: 'https://acme.zendesk.com', apiOrigin: 'https://acme.zendesk.com' });
    expect(resolve(zendesk.oauth!.tokenUrl)).toBe('https://acme.zendesk.com/oauth/tokens');
  });
});
