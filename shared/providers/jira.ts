import { defineProvider } from './schema';

// https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
// Jira API calls go to https://api.atlassian.com/ex/jira/{cloudid}/…; finding the cloud id
// (GET /oauth/token/accessible-resources) is a quirk for server/providers/jira/.
// Atlassian documents no token revocation endpoint for 3LO apps.
export default defineProvider({
  id: 'jira',
  name: 'Jira',
  category: 'project-management',
  description: 'Jira issues beside the GitHub work and customer deals they belong to.',
  authMode: 'oauth2',
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
  hosts: { web: 'https://auth.atlassian.com', api: 'https://api.atlassian.com' },
  scopes: [
    { name: 'read:jira-work', description: 'Read projects, issues and comments you can see in Jira.' },
    { name: 'write:jira-work', description: 'Create issues and add comments when you link them to GitHub or a deal.' },
    { name: 'read:jira-user', description: 'Read user names so assignees and reporters show up correctly.' },
    { name: 'read:me', description: 'Read your Atlassian profile to show which account is connected.' },
    { name: 'offline_access', description: 'Stay connected without asking you to sign in again every hour.' },
  ],
  oauth: {
    authorizationUrl: 'https://auth.atlassian.com/authorize',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    pkce: false,
    scopeSeparator: ' ',
    authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
  },
  identity: { url: 'https://api.atlassian.com/me', method: 'GET', accountIdPath: 'account_id', accountLabelPath: 'name' },
});
