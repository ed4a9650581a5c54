import { defineProvider } from './schema';

// https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/
// Trello has no OAuth 2.0 (only its own 1/authorize token flow and OAuth 1.0a). Every request
// needs Weft's API key as `key=` as well as the user's token as `token=`; adding the key is a
// quirk for server/providers/trello/.
export default defineProvider({
  id: 'trello',
  name: 'Trello',
  category: 'project-management',
  description: 'Trello cards beside the GitHub issues and deals they track.',
  authMode: 'api_key',
  docsUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/',
  hosts: { web: 'https://trello.com', api: 'https://api.trello.com' },
  scopes: [
    { name: 'read', description: 'Read boards, lists and cards you can see.' },
    { name: 'write', description: 'Create cards and add comments when you link them to an issue or deal.' },
  ],
  apiKey: {
    label: 'Trello token',
    help: "Follow the Authorize on Trello link in Weft (trello.com/1/authorize with Weft's app key), click Allow, and copy the token Trello shows.",
    helpUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/',
    placeholder: 'ATTA…',
    placement: 'query:token',
  },
  identity: { url: 'https://api.trello.com/1/members/me', method: 'GET', accountIdPath: 'id', accountLabelPath: 'username' },
});
