import { defineProvider } from './schema';

// https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication
export default defineProvider({
  id: 'sendgrid',
  name: 'SendGrid',
  category: 'email',
  description: 'Send transactional email, such as deal or issue notifications, from your SendGrid account.',
  authMode: 'api_key',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication',
  hosts: { web: 'https://app.sendgrid.com', api: 'https://api.sendgrid.com' },
  scopes: [],
  apiKey: {
    label: 'API key',
    help: 'In SendGrid: Settings → API Keys → Create API Key → Restricted Access; give Mail Send full access and User Account read access, then copy the key. It starts with SG.',
    helpUrl: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    placeholder: 'SG.…',
    placement: 'bearer',
  },
  // Needs the key's "User Account" read access; the answer has the account's username.
  identity: {
    url: 'https://api.sendgrid.com/v3/user/username',
    method: 'GET',
    accountIdPath: 'username',
    accountLabelPath: 'username',
  },
});
