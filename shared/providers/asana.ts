import { defineProvider } from './schema';

// https://developers.asana.com/docs/oauth
// The app must be registered for granular scopes (not "Full permissions") in the Asana developer console.
export default defineProvider({
  id: 'asana',
  name: 'Asana',
  category: 'project-management',
  description: 'Asana tasks beside the GitHub issues and deals they track.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.asana.com/docs/oauth',
  hosts: { web: 'https://app.asana.com', api: 'https://app.asana.com' },
  scopes: [
    { name: 'workspaces:read', description: 'List your workspaces so you can pick which one to use.' },
    { name: 'projects:read', description: 'List projects so you can pick where tasks live.' },
    { name: 'tasks:read', description: 'Read tasks to show their status next to issues and deals.' },
    { name: 'tasks:write', description: 'Create and update tasks when you link them to an issue or deal.' },
    { name: 'stories:write', description: 'Add comments to tasks, such as a link back to the GitHub issue.' },
    { name: 'users:read', description: 'Read your profile to show which account is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://app.asana.com/-/oauth_authorize',
    tokenUrl: 'https://app.asana.com/-/oauth_token',
    revocationUrl: 'https://app.asana.com/-/oauth_revoke',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: {
    url: 'https://app.asana.com/api/1.0/users/me',
    method: 'GET',
    accountIdPath: 'data.gid',
    accountLabelPath: 'data.name',
  },
});
