import { defineProvider } from './schema';

// https://developers.pipedrive.com/docs/api/v1/Oauth
// API calls go to the company's own domain, returned as api_domain in the token answer
// (https://{company}.pipedrive.com); api.pipedrive.com here is the generic host. No identity:
// GET {api_domain}/api/v1/users/me needs that per-company host.
// Scopes are chosen on the app in Pipedrive's Developer Hub; the authorize URL takes none.
export default defineProvider({
  id: 'pipedrive',
  name: 'Pipedrive',
  category: 'crm',
  description: 'Deals, people and organizations next to the GitHub work they depend on.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.pipedrive.com/docs/api/v1/Oauth',
  hosts: { web: 'https://oauth.pipedrive.com', api: 'https://api.pipedrive.com' },
  scopes: [
    { name: 'base', description: 'Required by Pipedrive: read your user and company settings.' },
    { name: 'deals:full', description: 'Read deals, move them between stages and add notes to them.' },
    { name: 'contacts:read', description: 'Read people and organizations to match them with GitHub users.' },
  ],
  oauth: {
    authorizationUrl: 'https://oauth.pipedrive.com/oauth/authorize',
    tokenUrl: 'https://oauth.pipedrive.com/oauth/token',
    revocationUrl: 'https://oauth.pipedrive.com/oauth/revoke',
    pkce: false,
    scopeSeparator: ',',
  },
});
