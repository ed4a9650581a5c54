/** The workspace the app is installed into. */
export interface SlackTeam {
  id: string;
  name: string;
  /** The subdomain: auth.test's `url` is https://<domain>.slack.com/. */
  domain: string;
}

/** Who tokens act for: the workspace, the app's bot user, and the user who installed it. */
export interface SlackInstall {
  team: SlackTeam;
  appId: string;
  botUserId: string;
  botId: string;
  botName: string;
  userId: string;
  userName: string;
}

export const defaultSlackInstall: SlackInstall = {
  team: { id: 'T0WEFT0001', name: 'Weft Test Workspace', domain: 'weft-test' },
  appId: 'A0WEFT0001',
  botUserId: 'U0WEFTBOT1',
  botId: 'B0WEFTBOT1',
  botName: 'weft',
  userId: 'U0WEFTUSR1',
  userName: 'alex',
};
