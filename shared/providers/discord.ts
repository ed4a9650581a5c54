import { defineProvider } from './schema';

// https://discord.com/developers/docs/reference#authentication
// Discord wants `Authorization: Bot <token>`.
export default defineProvider({
  id: 'discord',
  name: 'Discord',
  category: 'communication',
  description: 'Post issues, deals and notes to channels on your Discord server through your own bot.',
  authMode: 'bot_token',
  docsUrl: 'https://discord.com/developers/docs/reference#authentication',
  hosts: { web: 'https://discord.com', api: 'https://discord.com' },
  scopes: [
    { name: 'bot', description: 'Add your bot to a server so it can post in the channels it is allowed to see.' },
  ],
  apiKey: {
    label: 'Bot token',
    help: 'In the Discord Developer Portal: Applications → your app → Bot → Reset Token, then copy the token. Invite the bot to your server with the Send Messages permission.',
    helpUrl: 'https://discord.com/developers/applications',
    placement: 'authorization:Bot',
  },
  identity: {
    url: 'https://discord.com/api/v10/users/@me',
    method: 'GET',
    accountIdPath: 'id',
    accountLabelPath: 'username',
  },
});
