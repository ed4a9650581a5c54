import { defineProvider } from './schema';

// https://developer.paypal.com/docs/log-in-with-paypal/integrate/
// "Log in with PayPal" is PayPal's only third-party authorization-code flow; it grants identity
// claims (who the PayPal user is), not access to their payments. Sandbox uses www.sandbox.paypal.com
// and api-m.sandbox.paypal.com via WEFT_PAYPAL_AUTH_URL / WEFT_PAYPAL_API_URL.
export default defineProvider({
  id: 'paypal',
  name: 'PayPal',
  category: 'payments',
  description: 'Match a PayPal account to the CRM contact and deals it belongs to.',
  authMode: 'oauth2',
  docsUrl: 'https://developer.paypal.com/docs/log-in-with-paypal/integrate/',
  hosts: { web: 'https://www.paypal.com', api: 'https://api-m.paypal.com' },
  scopes: [
    { name: 'openid', description: 'Required by PayPal: confirm which PayPal account is connecting.' },
    { name: 'email', description: 'Read the account email address to match it with CRM contacts.' },
  ],
  oauth: {
    authorizationUrl: 'https://www.paypal.com/signin/authorize',
    tokenUrl: 'https://api-m.paypal.com/v1/oauth2/token',
    pkce: false,
    scopeSeparator: ' ',
    authorizeParams: { flowEntry: 'static' },
  },
  identity: {
    url: 'https://api-m.paypal.com/v1/identity/openidconnect/userinfo?schema=openid',
    method: 'GET',
    accountIdPath: 'user_id',
    accountLabelPath: 'email',
  },
});
