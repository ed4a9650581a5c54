import { defineProvider } from './schema';

// https://developer.wordpress.com/docs/api/oauth2/
// WordPress.com (and Jetpack-connected sites), not self-hosted WordPress. The documented /oauth2/
// endpoints list no PKCE or revocation; WordPress.com's newer OAuth 2.1 server (/oauth2-1/) has both.
export default defineProvider({
  id: 'wordpress',
  name: 'WordPress.com',
  category: 'cms',
  description: 'Publish release notes and changelog posts to your WordPress.com site.',
  authMode: 'oauth2',
  docsUrl: 'https://developer.wordpress.com/docs/api/oauth2/',
  hosts: { web: 'https://public-api.wordpress.com', api: 'https://public-api.wordpress.com' },
  scopes: [
    { name: 'auth', description: 'Read your WordPress.com profile to show which account is connected.' },
    { name: 'sites', description: 'List your sites and their settings so you can pick where to publish.' },
    { name: 'posts', description: 'Create and update posts, such as release notes, on your sites.' },
  ],
  oauth: {
    authorizationUrl: 'https://public-api.wordpress.com/oauth2/authorize',
    tokenUrl: 'https://public-api.wordpress.com/oauth2/token',
    pkce: false,
    scopeSeparator: ' ',
  },
  identity: {
    url: 'https://public-api.wordpress.com/rest/v1.1/me',
    method: 'GET',
    accountIdPath: 'ID',
    accountLabelPath: 'username',
  },
});
