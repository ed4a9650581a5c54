import { defineProvider } from './schema';

// https://docs.gitlab.com/api/oauth2/
// GitLab.com; a self-managed instance replaces both hosts via WEFT_GITLAB_AUTH_URL / WEFT_GITLAB_API_URL.
export default defineProvider({
  id: 'gitlab',
  name: 'GitLab',
  category: 'developer',
  description: 'Issues, merge requests and projects beside your CRM records.',
  authMode: 'oauth2',
  docsUrl: 'https://docs.gitlab.com/api/oauth2/',
  hosts: { web: 'https://gitlab.com', api: 'https://gitlab.com' },
  scopes: [
    {
      name: 'api',
      description: 'Read and write issues, merge requests and comments; GitLab has no narrower write scope.',
    },
    { name: 'read_user', description: 'Read your profile to show which account is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://gitlab.com/oauth/authorize',
    tokenUrl: 'https://gitlab.com/oauth/token',
    revocationUrl: 'https://gitlab.com/oauth/revoke',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: { url: 'https://gitlab.com/api/v4/user', method: 'GET', accountIdPath: 'id', accountLabelPath: 'username' },
});
