import { defineProvider } from './schema';

// https://amplitude.com/docs/apis/authentication
// The ingestion APIs (HTTP V2, Identify) take the project API key as the `api_key` request
// parameter in the body, not in a header; the schema has no body placement, so `query:api_key`
// names the parameter and server/providers/amplitude/ moves it into the body. The read APIs
// need the API key *and* the secret key (Basic auth), which one credential cannot hold.
// No identity: Amplitude documents no "who am I" call for an API key.
export default defineProvider({
  id: 'amplitude',
  name: 'Amplitude',
  category: 'analytics',
  description: 'Send product events, such as a deal won or an issue shipped, to your Amplitude project.',
  authMode: 'api_key',
  docsUrl: 'https://amplitude.com/docs/apis/authentication',
  hosts: { web: 'https://app.amplitude.com', api: 'https://api2.amplitude.com' },
  scopes: [],
  apiKey: {
    label: 'Project API key',
    help: 'In Amplitude: Settings → Projects → your project → General, then select Manage next to API Key and copy it.',
    helpUrl: 'https://amplitude.com/docs/apis/authentication',
    placement: 'query:api_key',
  },
});
