import { defineProvider } from './schema';

// https://linear.app/developers/oauth-2-0-authentication
// Linear's API is GraphQL only (`{ viewer { id name } }`), which a plain identity call cannot express.
export default defineProvider({
  id: 'linear',
  name: 'Linear',
  category: 'project-management',
  description: 'Linear issues beside the GitHub pull requests and customer deals they relate to.',
  authMode: 'oauth2',
  docsUrl: 'https://linear.app/developers/oauth-2-0-authentication',
  hosts: { web: 'https://linear.app', api: 'https://api.linear.app' },
  scopes: [
    { name: 'read', description: 'Read issues, projects and teams in your workspace. Linear always grants it.' },
    { name: 'issues:create', description: 'Create issues, for example from a customer request on a deal.' },
    { name: 'comments:create', description: 'Add comments to issues, such as a link back to the deal.' },
  ],
  oauth: {
    authorizationUrl: 'https://linear.app/oauth/authorize',
    tokenUrl: 'https://api.linear.app/oauth/token',
    revocationUrl: 'https://api.linear.app/oauth/revoke',
    pkce: true,
    scopeSeparator: ',',
  },
});
