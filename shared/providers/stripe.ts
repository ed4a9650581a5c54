import { defineProvider } from './schema';

// https://docs.stripe.com/stripe-apps/api-authentication/oauth
// OAuth goes through a published Stripe App: the scopes are the app manifest's permissions
// (the authorize link takes none) and the code exchange is authenticated with the app
// developer's secret key; both are quirks for server/providers/stripe/.
export default defineProvider({
  id: 'stripe',
  name: 'Stripe',
  category: 'payments',
  description: 'Customers, subscriptions and invoices next to the deals and issues they relate to.',
  authMode: 'oauth2',
  docsUrl: 'https://docs.stripe.com/stripe-apps/api-authentication/oauth',
  hosts: { web: 'https://marketplace.stripe.com', api: 'https://api.stripe.com' },
  scopes: [
    { name: 'customer_read', description: 'Read customers to match them with CRM contacts and GitHub users.' },
    { name: 'subscription_read', description: 'Read subscriptions to show the plan a customer is on next to their deals.' },
    { name: 'invoice_read', description: 'Read invoices to show whether a customer has paid.' },
  ],
  oauth: {
    authorizationUrl: 'https://marketplace.stripe.com/oauth/v2/authorize',
    tokenUrl: 'https://api.stripe.com/v1/oauth/token',
    pkce: false,
    scopeSeparator: ' ',
  },
  // Or a restricted key from the user's own account.
  apiKey: {
    label: 'Restricted API key',
    help: 'In the Stripe Dashboard: Developers → API keys → Create restricted key; grant Read on Customers, Subscriptions and Invoices, then copy it. It starts with rk_.',
    helpUrl: 'https://docs.stripe.com/keys',
    placeholder: 'rk_live_…',
    placement: 'bearer',
  },
  identity: {
    url: 'https://api.stripe.com/v1/account',
    method: 'GET',
    accountIdPath: 'id',
    accountLabelPath: 'settings.dashboard.display_name',
  },
});
