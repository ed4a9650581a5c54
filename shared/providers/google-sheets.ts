import { googleOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://developers.google.com/identity/protocols/oauth2/web-server
// Google's token and revocation endpoints live on oauth2.googleapis.com, not on the web or API host.
// The Sheets API has no "who am I" call, so there is no identity check.
export default defineProvider({
  id: 'google-sheets',
  name: 'Google Sheets',
  category: 'spreadsheets-databases',
  description: 'Read and append rows in spreadsheets that track issues, deals or customers.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  hosts: { web: 'https://accounts.google.com', api: 'https://sheets.googleapis.com' },
  scopes: [
    {
      name: 'https://www.googleapis.com/auth/spreadsheets',
      description: 'Read spreadsheets you point Weft at and append or update their rows.',
    },
  ],
  oauth: googleOAuth,
});
