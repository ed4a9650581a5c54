import { hubspotActions } from './actions/hubspot';
import { defineProvider } from './schema';

// https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
export default defineProvider({
  id: 'hubspot',
  name: 'HubSpot',
  category: 'crm',
  description: 'Contacts, companies and deals next to the GitHub work they depend on.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide',
  hosts: { web: 'https://app.hubspot.com', api: 'https://api.hubapi.com' },
  scopes: [
    { name: 'oauth', description: 'Required by HubSpot for every app that uses OAuth.' },
    { name: 'crm.objects.contacts.read', description: 'Read contacts to show who opened an issue.' },
    { name: 'crm.objects.contacts.write', description: 'Create and update contacts from GitHub.' },
    { name: 'crm.objects.companies.read', description: 'Read companies to match organisations and domains.' },
    { name: 'crm.objects.deals.read', description: 'Read deals and their stages.' },
    { name: 'crm.objects.deals.write', description: 'Move deals between stages and log notes on them.' },
  ],
  oauth: {
    authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
    // The v1 endpoint is deprecated on 2027-02-16; the dated v3 endpoints replace it.
    tokenUrl: 'https://api.hubapi.com/oauth/2026-03/token',
    revocationUrl: 'https://api.hubapi.com/oauth/2026-03/token/revoke',
    pkce: true,
    scopeSeparator: ' ',
  },
  // Existing legacy private apps keep working (new ones cannot be created since Oct 2026).
  apiKey: {
    label: 'Private app access token',
    help: 'In HubSpot: Settings → Integrations → Private Apps → your app → Auth → Show token. It starts with pat-.',
    helpUrl: 'https://developers.hubspot.com/docs/api/private-apps',
    placeholder: 'pat-na1-…',
    placement: 'bearer',
  },
  identity: {
    url: 'https://api.hubapi.com/account-info/v3/details',
    method: 'GET',
    accountIdPath: 'portalId',
    accountLabelPath: 'portalId',
  },
  actions: hubspotActions,
});
