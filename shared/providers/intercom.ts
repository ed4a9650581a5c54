import { defineProvider } from './schema';

// https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
// Intercom's permissions are ticked on the app in the Developer Hub, not requested in the
// authorize URL, so the names below are the Developer Hub labels to tick. Tokens do not expire.
// EU and AU workspaces use their regional API hosts via WEFT_INTERCOM_API_URL.
export default defineProvider({
  id: 'intercom',
  name: 'Intercom',
  category: 'support',
  description: 'Customer conversations beside the GitHub issues and deals they mention.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth',
  hosts: { web: 'https://app.intercom.com', api: 'https://api.intercom.io' },
  scopes: [
    { name: 'Read admins', description: 'Read your teammate profile to show which workspace is connected.' },
    { name: 'Read and list users and companies', description: 'Read contacts and companies to match them with CRM records.' },
    { name: 'Write users and companies', description: 'Create and update contacts and companies from your CRM.' },
    { name: 'Read conversations', description: 'Read conversations to show them next to the issues and deals they mention.' },
  ],
  oauth: {
    authorizationUrl: 'https://app.intercom.com/oauth',
    tokenUrl: 'https://api.intercom.io/auth/eagle/token',
    pkce: false,
    scopeSeparator: ' ',
  },
  // Needs "Read admins"; `app` is the workspace.
  identity: { url: 'https://api.intercom.io/me', method: 'GET', accountIdPath: 'app.id_code', accountLabelPath: 'app.name' },
});
