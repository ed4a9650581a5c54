import { microsoftOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
// The Microsoft identity platform has no token revocation endpoint, so none is listed.
export default defineProvider({
  id: 'outlook',
  name: 'Outlook',
  category: 'email',
  description: 'Mail and calendar from Outlook beside the contacts and deals they concern.',
  authMode: 'oauth2',
  docsUrl: 'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow',
  hosts: { web: 'https://login.microsoftonline.com', api: 'https://graph.microsoft.com' },
  scopes: [
    { name: 'offline_access', description: 'Stay connected without asking you to sign in again every hour.' },
    { name: 'User.Read', description: 'Read your profile to show which account is connected.' },
    { name: 'Mail.Read', description: 'Read your mail to show conversations with a contact next to their deals.' },
    { name: 'Mail.Send', description: 'Send follow-up emails as you when you ask Weft to.' },
    { name: 'Calendars.Read', description: 'Read your calendar to show upcoming meetings with a contact.' },
  ],
  oauth: microsoftOAuth,
  identity: {
    url: 'https://graph.microsoft.com/v1.0/me',
    method: 'GET',
    accountIdPath: 'id',
    accountLabelPath: 'userPrincipalName',
  },
});
