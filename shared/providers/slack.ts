import { slackActions } from './actions/slack';
import { defineProvider } from './schema';

// https://api.slack.com/authentication/oauth-v2
export default defineProvider({
  id: 'slack',
  name: 'Slack',
  category: 'communication',
  description: 'Post issues, deals and notes to channels and threads.',
  authMode: 'oauth2',
  docsUrl: 'https://api.slack.com/authentication/oauth-v2',
  hosts: { web: 'https://slack.com', api: 'https://slack.com' },
  scopes: [
    { name: 'chat:write', description: 'Post messages as the Weft bot in channels it was added to.' },
    { name: 'channels:read', description: 'List public channels so you can pick where to post.' },
    { name: 'channels:history', description: 'Read messages in public channels the Weft bot is in, to check whether a flow’s post went through before sending it again.' },
    { name: 'team:read', description: 'Read the workspace name to show which one is connected.' },
  ],
  oauth: {
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    revocationUrl: 'https://slack.com/api/auth.revoke',
    // Slack's OAuth v2 does not document PKCE for confidential clients.
    pkce: false,
    scopeSeparator: ',',
  },
  identity: { url: 'https://slack.com/api/auth.test', method: 'POST', accountIdPath: 'team_id', accountLabelPath: 'team' },
  actions: slackActions,
});
