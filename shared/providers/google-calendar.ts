import { googleOAuth } from './common/identity-platforms';
import { defineProvider } from './schema';

// https://developers.google.com/identity/protocols/oauth2/web-server
// Google's token and revocation endpoints live on oauth2.googleapis.com, not on the web or API host.
export default defineProvider({
  id: 'google-calendar',
  name: 'Google Calendar',
  category: 'calendar',
  description: 'Meetings with a contact beside their deals, and follow-ups on your calendar.',
  authMode: 'oauth2',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  hosts: { web: 'https://accounts.google.com', api: 'https://www.googleapis.com' },
  scopes: [
    {
      name: 'https://www.googleapis.com/auth/calendar.readonly',
      description: 'Read your calendars to show upcoming meetings with a contact.',
    },
    {
      name: 'https://www.googleapis.com/auth/calendar.events',
      description: 'Create and update events, such as a follow-up call for a deal.',
    },
  ],
  oauth: googleOAuth,
  // The primary calendar's id is the account's email address.
  identity: {
    url: 'https://www.googleapis.com/calendar/v3/calendars/primary',
    method: 'GET',
    accountIdPath: 'id',
    accountLabelPath: 'summary',
  },
});
