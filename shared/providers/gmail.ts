import { googleOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://developers.google.com/identity/protocols/oauth2/web-server
// Google's token and revocation endpoints live on oauth2.googleapis.com, not on the web or API host.
export default defineProvider({
  id: 'gmail',
  name: 'Gmail',
  category: 'email',
  description: 'Email threads with a contact beside their deals and issues.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  hosts: { web: 'https://accounts.google.com', api: 'https://gmail.googleapis.com' },
  scopes: [
    {
      name: 'https://www.googleapis.com/auth/gmail.readonly',
      description: 'Read your mail to show conversations with a contact next to their deals.',
    },
    { name: 'https://www.googleapis.com/auth/gmail.send', description: 'Send follow-up emails as you when you ask Weft to.' },
  ],
  oauth: googleOAuth,
  identity: {
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    method: 'GET',
    accountIdPath: 'emailAddress',
    accountLabelPath: 'emailAddress',
  },
});
