import { defineProvider } from './schema';

// https://docs.mixpanel.com/reference/project-secret
// The Project Secret is Mixpanel's one-value credential (Basic auth, secret as user name, empty
// password). Mixpanel has deprecated it (retirement announced for 2027-03-03) in favour of service
// accounts, which need a user name *and* a secret — two values this schema cannot hold yet.
// No identity: Mixpanel documents no "who am I" call for a Project Secret.
export default defineProvider({
  id: 'mixpanel',
  name: 'Mixpanel',
  category: 'analytics',
  description: 'Send product events, such as a deal won or an issue shipped, to your Mixpanel project.',
  authMode: 'api_key',
  docsUrl: 'https://docs.mixpanel.com/reference/project-secret',
  hosts: { web: 'https://mixpanel.com', api: 'https://api.mixpanel.com' },
  scopes: [],
  apiKey: {
    label: 'Project Secret',
    help: 'In Mixpanel: Settings → Project Settings → Overview → Access Keys, then copy the Project Secret.',
    helpUrl: 'https://docs.mixpanel.com/reference/project-secret',
    placement: 'basic-user',
  },
});
