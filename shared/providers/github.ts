import { githubActions } from './actions/github';
import { defineProvider } from './schema';

// https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
export default defineProvider({
  id: 'github',
  name: 'GitHub',
  category: 'developer',
  description: 'Issues, pull requests and repositories beside your CRM records.',
  authMode: 'oauth2',
  docsUrl: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
  hosts: { web: 'https://github.com', api: 'https://api.github.com' },
  scopes: [
    { name: 'repo', description: 'Read and write issues, pull requests and comments in your repositories.' },
    { name: 'read:user', description: 'Read your profile to show which account is connected.' },
    { name: 'user:email', description: 'Read your email addresses to match you with CRM contacts.' },
  ],
  oauth: {
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    // DELETE /applications/{client_id}/token, with the app's Basic credentials.
    revocationUrl: 'https://api.github.com/applications/{client_id}/token',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: { url: 'https://api.github.com/user', method: 'GET', accountIdPath: 'id', accountLabelPath: 'login' },
  actions: githubActions,
});
