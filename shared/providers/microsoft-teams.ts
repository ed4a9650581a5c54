import { microsoftOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
// The Microsoft identity platform has no token revocation endpoint, so none is listed.
export default defineProvider({
  id: 'microsoft-teams',
  name: 'Microsoft Teams',
  category: 'communication',
  description: 'Post issues, deals and notes to Teams channels.',
  authMode: 'oauth2',
  docsUrl: 'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow',
  hosts: { web: 'https://login.microsoftonline.com', api: 'https://graph.microsoft.com' },
  scopes: [
    { name: 'offline_access', description: 'Stay connected without asking you to sign in again every hour.' },
    { name: 'User.Read', description: 'Read your profile to show which account is connected.' },
    { name: 'Team.ReadBasic.All', description: 'List the teams you belong to so you can pick where to post.' },
    { name: 'Channel.ReadBasic.All', description: 'List channel names in your teams so you can pick where to post.' },
    { name: 'ChannelMessage.Send', description: 'Post messages as you in the channels you choose.' },
  ],
  oauth: microsoftOAuth,
  identity: {
    url: 'https://graph.microsoft.com/v1.0/me',
    method: 'GET',
    accountIdPath: 'id',
    accountLabelPath: 'userPrincipalName',
  },
});
