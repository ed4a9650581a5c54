import { defineProvider } from './schema';

// https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_web_server_flow.htm
// Data API calls go to the org's own instance_url from the token answer; the hosts here are the
// generic login host (sandboxes use test.salesforce.com via WEFT_SALESFORCE_AUTH_URL / _API_URL).
// The UserInfo endpoint works on the login host, so identity needs no instance URL.
export default defineProvider({
  id: 'salesforce',
  name: 'Salesforce',
  category: 'crm',
  description: 'Accounts, contacts and opportunities next to the GitHub work they depend on.',
  authMode: 'oauth2',
  docsUrl: 'https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_web_server_flow.htm',
  hosts: { web: 'https://login.salesforce.com', api: 'https://login.salesforce.com' },
  scopes: [
    {
      name: 'api',
      description: 'Read and update accounts, contacts and opportunities through the API, within your Salesforce permissions.',
    },
    { name: 'refresh_token', description: 'Stay connected without asking you to sign in again.' },
    { name: 'id', description: 'Read your user and org identity to show which account is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize',
    tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
    revocationUrl: 'https://login.salesforce.com/services/oauth2/revoke',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: {
    url: 'https://login.salesforce.com/services/oauth2/userinfo',
    method: 'GET',
    accountIdPath: 'user_id',
    accountLabelPath: 'preferred_username',
  },
});
