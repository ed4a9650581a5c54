import { googleOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://developers.google.com/identity/protocols/oauth2/web-server
// Google's token and revocation endpoints live on oauth2.googleapis.com, not on the web or API host.
// The Analytics Data API has no single "who am I" call, so there is no identity check.
export default defineProvider({
  id: 'google-analytics',
  name: 'Google Analytics',
  category: 'analytics',
  description: 'Traffic and conversion reports beside the deals and releases they relate to.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  hosts: { web: 'https://accounts.google.com', api: 'https://analyticsdata.googleapis.com' },
  scopes: [
    {
      name: 'https://www.googleapis.com/auth/analytics.readonly',
      description: 'Read reports from your Analytics properties; Weft cannot change them.',
    },
  ],
  oauth: googleOAuth,
});
