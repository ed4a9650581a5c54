import { defineProvider } from './schema';

// https://developers.dropbox.com/oauth-guide
export default defineProvider({
  id: 'dropbox',
  name: 'Dropbox',
  category: 'files-docs',
  description: 'Files and folders linked from issues and deals, with names and previews.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.dropbox.com/oauth-guide',
  hosts: { web: 'https://www.dropbox.com', api: 'https://api.dropboxapi.com' },
  scopes: [
    { name: 'account_info.read', description: 'Read your account name and email to show which account is connected.' },
    { name: 'files.metadata.read', description: 'Read file and folder names so links in issues and deals show them.' },
    { name: 'files.content.read', description: 'Read file contents to show previews of linked files.' },
  ],
  oauth: {
    authorizationUrl: 'https://www.dropbox.com/oauth2/authorize',
    tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
    // POST with the access token as Bearer.
    revocationUrl: 'https://api.dropboxapi.com/2/auth/token/revoke',
    pkce: true,
    scopeSeparator: ' ',
    authorizeParams: { token_access_type: 'offline' },
  },
  // An RPC endpoint: POST with no body.
  identity: {
    url: 'https://api.dropboxapi.com/2/users/get_current_account',
    method: 'POST',
    accountIdPath: 'account_id',
    accountLabelPath: 'email',
  },
});
