import { defineProvider } from './schema';

// https://core.telegram.org/bots/api
// The Bot API takes the token in the URL path: https://api.telegram.org/bot<token>/<method>.
export default defineProvider({
  id: 'telegram',
  name: 'Telegram',
  category: 'communication',
  description: 'Send issue, deal and incident updates to Telegram chats through your own bot.',
  authMode: 'bot_token',
  docsUrl: 'https://core.telegram.org/bots/api',
  hosts: { web: 'https://t.me', api: 'https://api.telegram.org' },
  scopes: [],
  apiKey: {
    label: 'Bot token',
    help: 'In Telegram: open a chat with @BotFather, send /newbot and follow the prompts; BotFather replies with the token. Add the bot to the chats it should post in.',
    helpUrl: 'https://core.telegram.org/bots/tutorial#obtain-your-bot-token',
    placeholder: '123456789:AA…',
    placement: 'path',
  },
  identity: {
    url: 'https://api.telegram.org/bot{token}/getMe',
    method: 'GET',
    accountIdPath: 'result.id',
    accountLabelPath: 'result.username',
  },
});
