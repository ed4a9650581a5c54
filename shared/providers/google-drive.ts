import { googleOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://developers.google.com/identity/protocols/oauth2/web-server
// Google's token and revocation endpoints live on oauth2.googleapis.com, not on the web or API host.
export default defineProvider({
  id: 'google-drive',
  name: 'Google Drive',
  category: 'files-docs',
  description: 'Docs and files linked from issues and deals, with titles and previews.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  hosts: { web: 'https://accounts.google.com', api: 'https://www.googleapis.com' },
  scopes: [
    {
      name: 'https://www.googleapis.com/auth/drive.readonly',
      description: 'Read files and docs so links in issues and deals show titles and previews.',
    },
    {
      name: 'https://www.googleapis.com/auth/drive.file',
      description: 'Create docs such as meeting notes, and edit only files Weft created or you opened with it.',
    },
  ],
  oauth: googleOAuth,
  identity: {
    url: 'https://www.googleapis.com/drive/v3/about?fields=user',
    method: 'GET',
    accountIdPath: 'user.permissionId',
    accountLabelPath: 'user.emailAddress',
  },
});
