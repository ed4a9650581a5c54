import { defineProvider } from './schema';

// https://airtable.com/developers/web/api/oauth-reference
// Airtable requires PKCE (S256) on every authorization request.
export default defineProvider({
  id: 'airtable',
  name: 'Airtable',
  category: 'spreadsheets-databases',
  description: 'Airtable records beside the issues, customers and deals they track.',
  authMode: 'oauth2',
  docsUrl: 'https://airtable.com/developers/web/api/oauth-reference',
  hosts: { web: 'https://airtable.com', api: 'https://api.airtable.com' },
  scopes: [
    { name: 'schema.bases:read', description: 'Read the tables and fields of your bases so you can map them.' },
    { name: 'data.records:read', description: 'Read records in the bases you grant access to.' },
    { name: 'data.records:write', description: 'Create and update records, for example from a new deal or issue.' },
    { name: 'user.email:read', description: 'Read your email address to show which account is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://airtable.com/oauth2/v1/authorize',
    tokenUrl: 'https://airtable.com/oauth2/v1/token',
    pkce: true,
    scopeSeparator: ' ',
  },
  identity: { url: 'https://api.airtable.com/v0/meta/whoami', method: 'GET', accountIdPath: 'id', accountLabelPath: 'email' },
});
