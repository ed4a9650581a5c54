import { defineProvider } from './schema';

// https://developer.zendesk.com/documentation/authentication/
// Every Zendesk account has its own host, https://{subdomain}.zendesk.com, for both the OAuth
// pages and the API: set WEFT_ZENDESK_AUTH_URL and WEFT_ZENDESK_API_URL to it. Multi-account apps need a global OAuth client
// from Zendesk. No identity: GET /api/v2/users/me only exists on the customer's subdomain.
export default defineProvider({
  id: 'zendesk',
  name: 'Zendesk',
  category: 'support',
  description: 'Support tickets beside the GitHub issues and customer deals they relate to.',
  authMode: 'oauth2',
  docsUrl: 'https://developer.zendesk.com/documentation/authentication/',
  hosts: { web: 'https://{subdomain}.zendesk.com', api: 'https://{subdomain}.zendesk.com' },
  scopes: [
    { name: 'tickets:read', description: 'Read tickets to show them next to the GitHub issues and deals they mention.' },
    { name: 'tickets:write', description: 'Add comments to tickets, such as a link to the fixing pull request.' },
    { name: 'users:read', description: 'Read requesters and agents to match them with CRM contacts.' },
    { name: 'organizations:read', description: 'Read organizations to match them with CRM companies.' },
  ],
  oauth: {
    authorizationUrl: 'https://{subdomain}.zendesk.com/oauth/authorizations/new',
    tokenUrl: 'https://{subdomain}.zendesk.com/oauth/tokens',
    pkce: true,
    scopeSeparator: ' ',
  },
});
