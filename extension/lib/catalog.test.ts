import { describe, expect, it } from 'vitest';
import type { ProviderView } from '@@/shared/protocol';
import { authChoices, authModeLabel, filterCatalog, groupByCategory, keyLabelInSentence, setupEnv, splitByReadiness, withArticle } from './catalog';

// Fixtures, not the live catalog: providers are added often and must not break these tests.
const view = (extra: Partial<ProviderView> & Pick<ProviderView, 'id' | 'name' | 'category'>): ProviderView => ({
  description: 'A provider used in tests only.',
  authMode: 'oauth2',
  docsUrl: 'https://example.com/docs',
  hosts: { web: 'https://example.com', api: 'https://api.example.com' },
  scopes: [],
  actions: {},
  configured: true,
  missingEnv: [],
  canVerifyKey: true,
  ...extra,
});
const apiKey = {
  label: 'Private app access token',
  help: 'Settings → Integrations → Private Apps.',
  helpUrl: 'https://example.com/help',
  placement: 'bearer',
} as const;
const providers = [
  view({ id: 'github', name: 'GitHub', category: 'developer' }),
  view({ id: 'hubspot', name: 'HubSpot', category: 'crm', apiKey }),
  view({ id: 'slack', name: 'Slack', category: 'communication' }),
];
const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('filterCatalog', () => {
  it('returns everything for an empty or blank query', () => {
    expect(ids(filterCatalog(providers, ''))).toEqual(ids(providers));
    expect(ids(filterCatalog(providers, '   '))).toEqual(ids(providers));
  });

  it('matches names and categories, ignoring case', () => {
    expect(ids(filterCatalog(providers, 'git'))).toEqual(['github']);
    expect(ids(filterCatalog(providers, 'CRM'))).toEqual(['hubspot']);
    expect(ids(filterCatalog(providers, 'developer tools'))).toEqual(['github']);
    expect(ids(filterCatalog(providers, 'communication'))).toEqual(['slack']);
  });

  it('needs every word and finds nothing for nonsense', () => {
    expect(ids(filterCatalog(providers, 'hub crm'))).toEqual(['hubspot']);
    expect(ids(filterCatalog(providers, 'spot developer'))).toEqual([]);
    expect(filterCatalog(providers, 'zzz')).toEqual([]);
  });

  it('ignores accents', () => {
    const creme = view({ id: 'creme', name: 'Crème', category: 'cms' });
    expect(ids(filterCatalog([creme], 'creme'))).toEqual(['creme']);
  });
});

describe('groupByCategory', () => {
  it('groups in catalog category order with labels, leaving out empty ones', () => {
    const groups = groupByCategory(providers);
    expect(groups.map((g) => [g.label, ids(g.providers)])).toEqual([
      ['Communication', ['slack']],
      ['Developer tools', ['github']],
      ['CRM', ['hubspot']],
    ]);
  });

  it('sorts providers by name inside a group', () => {
    const [a, b] = [view({ id: 'zeta', name: 'Zeta', category: 'crm' }), view({ id: 'alpha', name: 'Alpha', category: 'crm' })];
    expect(ids(groupByCategory([a, b])[0]!.providers)).toEqual(['alpha', 'zeta']);
  });
});

describe('auth choices', () => {
  const byId = (id: string) => providers.find((p) => p.id === id)!;

  it('offers HubSpot both ways and GitHub only OAuth', () => {
    expect(authChoices(byId('hubspot'))).toEqual({ oauth: true, key: true });
    expect(authChoices(byId('github'))).toEqual({ oauth: true, key: false });
    expect(authModeLabel(byId('hubspot'))).toBe('OAuth or private app access token');
    expect(authModeLabel(byId('github'))).toBe('OAuth');
  });

  it('labels key-only providers by their kind of key', () => {
    const bot = view({ id: 'telegram', name: 'Telegram', category: 'communication', authMode: 'bot_token', apiKey });
    expect(authChoices(bot)).toEqual({ oauth: false, key: true });
    expect(authModeLabel(bot)).toBe('Bot token');
    expect(authModeLabel({ ...bot, authMode: 'api_key' })).toBe('API key');
  });

  it('names the env vars an admin must set', () => {
    const github = view({
      id: 'github',
      name: 'GitHub',
      category: 'developer',
      configured: false,
      missingEnv: ['WEFT_GITHUB_CLIENT_ID', 'WEFT_GITHUB_CLIENT_SECRET'],
    });
    expect(setupEnv(github)).toEqual(['WEFT_GITHUB_CLIENT_ID', 'WEFT_GITHUB_CLIENT_SECRET']);
    // A server too old to list them still gets the main one named.
    expect(setupEnv({ ...github, missingEnv: [] })).toEqual(['WEFT_GITHUB_CLIENT_ID']);
  });
});

describe('splitByReadiness', () => {
  it('lists what can be connected now first; the rest, by name, needs server setup', () => {
    const list = [
      view({ id: 'zendesk', name: 'Zendesk', category: 'support', configured: false, missingEnv: ['WEFT_ZENDESK_CLIENT_ID'] }),
      view({ id: 'github', name: 'GitHub', category: 'developer' }),
      view({ id: 'asana', name: 'Asana', category: 'project-management', configured: false, missingEnv: ['WEFT_ASANA_CLIENT_ID'] }),
      // Not configured for OAuth, but takes a key Weft can check: connectable now.
      view({ id: 'hubspot', name: 'HubSpot', category: 'crm', configured: false, missingEnv: ['WEFT_HUBSPOT_CLIENT_ID'], apiKey }),
      // A key Weft cannot check is no way in either.
      view({ id: 'mixpanel', name: 'Mixpanel', category: 'analytics', authMode: 'api_key', canVerifyKey: false, apiKey }),
    ];
    const { ready, needsSetup } = splitByReadiness(list);
    expect(ids(ready)).toEqual(['github', 'hubspot']);
    expect(ids(needsSetup)).toEqual(['asana', 'mixpanel', 'zendesk']);
  });
});

describe('key labels in sentences', () => {
  it('lower-cases ordinary words but keeps acronyms and the provider’s name', () => {
    const label = (l: string, name = 'Acme') => keyLabelInSentence(view({ id: 'x', name, category: 'crm', apiKey: { ...apiKey, label: l } }));
    expect(label('Private app access token')).toBe('private app access token');
    expect(label('API key')).toBe('API key');
    expect(label('Project Secret')).toBe('project secret');
    expect(label('Trello token', 'Trello')).toBe('Trello token');
  });

  it('picks the article by sound: "an API key", never "a api key"', () => {
    expect(withArticle('API key')).toBe('an API key');
    expect(withArticle('access token')).toBe('an access token');
    expect(withArticle('private app access token')).toBe('a private app access token');
    expect(withArticle('Trello token')).toBe('a Trello token');
    expect(withArticle('restricted API key')).toBe('a restricted API key');
  });
});
