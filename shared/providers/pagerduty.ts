import { defineProvider } from './schema';

// https://developer.pagerduty.com/docs/oauth-functionality
// Scoped OAuth app with the authorization-code grant. API calls also need the header
// `Accept: application/vnd.pagerduty+json;version=2` (a quirk for server/providers/pagerduty/).
// PagerDuty's developer docs list no token revocation endpoint.
export default defineProvider({
  id: 'pagerduty',
  name: 'PagerDuty',
  category: 'incident-management',
  description: 'Incidents beside the GitHub issues and customer accounts they affect.',
  authMode: 'oauth2',
  docsUrl: 'https://developer.pagerduty.com/docs/oauth-functionality',
  hosts: { web: 'https://identity.pagerduty.com', api: 'https://api.pagerduty.com' },
  scopes: [
    { name: 'incidents.read', description: 'Read incidents to show them next to the issues and customers they affect.' },
    { name: 'incidents.write', description: 'Add notes to incidents, such as a link to the fixing pull request.' },
    { name: 'services.read', description: 'List services so you can map them to repositories.' },
    { name: 'users.read', description: 'Read your PagerDuty user to show which account is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://identity.pagerduty.com/oauth/authorize',
    tokenUrl: 'https://identity.pagerduty.com/oauth/token',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: { url: 'https://api.pagerduty.com/users/me', method: 'GET', accountIdPath: 'user.id', accountLabelPath: 'user.name' },
});
