import { defineProvider } from './schema';

// https://developers.freshdesk.com/api/#authentication
// Every Freshdesk account has its own host, https://{subdomain}.freshdesk.com (set
// WEFT_FRESHDESK_API_URL to it). Freshdesk's examples send the key as the Basic user name with the password "X"; any
// password is accepted. No identity: GET /api/v2/agents/me only exists on the customer's subdomain.
export default defineProvider({
  id: 'freshdesk',
  name: 'Freshdesk',
  category: 'support',
  description: 'Support tickets beside the GitHub issues and customer deals they relate to.',
  authMode: 'api_key',
  docsUrl: 'https://developers.freshdesk.com/api/#authentication',
  hosts: { web: 'https://{subdomain}.freshdesk.com', api: 'https://{subdomain}.freshdesk.com' },
  scopes: [],
  apiKey: {
    label: 'API key',
    help: 'In Freshdesk: click your profile picture (top right) → Profile settings, then copy the API key shown under "Your API Key".',
    helpUrl: 'https://support.freshdesk.com/support/solutions/articles/215517-how-to-find-your-api-key',
    placement: 'basic-user',
  },
});
