import { randomBytes } from 'node:crypto';
import { startWeft } from '../../server/start';
import { createGithubEmulator } from './github';
import { createHubspotEmulator } from './hubspot';
import { startEmulator } from './serve';
import { createSlackEmulator } from './slack';

/**
 * `npm run demo`: the Weft server on :8787 wired to local GitHub, HubSpot and Slack
 * emulators, so every connection flow can be tried without provider accounts. Data goes
 * to ./data-demo (not ./data), and a HubSpot private-app token is printed to paste.
 */
const github = createGithubEmulator({ accessTokenTtlSeconds: 8 * 3600 });
const hubspot = createHubspotEmulator();
const slack = createSlackEmulator();
const [gh, hs, sl] = await Promise.all([startEmulator(github.app), startEmulator(hubspot.app), startEmulator(slack.app)]);

const env = {
  ...process.env,
  WEFT_DATA_DIR: process.env.WEFT_DATA_DIR ?? './data-demo',
  WEFT_GITHUB_CLIENT_ID: 'github-client-id',
  WEFT_GITHUB_CLIENT_SECRET: 'github-client-secret',
  WEFT_GITHUB_AUTH_URL: gh.url,
  WEFT_GITHUB_API_URL: gh.url,
  WEFT_HUBSPOT_CLIENT_ID: 'hubspot-client-id',
  WEFT_HUBSPOT_CLIENT_SECRET: 'hubspot-client-secret',
  WEFT_HUBSPOT_AUTH_URL: hs.url,
  WEFT_HUBSPOT_API_URL: hs.url,
  WEFT_SLACK_CLIENT_ID: 'slack-client-id',
  WEFT_SLACK_CLIENT_SECRET: 'slack-client-secret',
  WEFT_SLACK_AUTH_URL: sl.url,
  WEFT_SLACK_API_URL: sl.url,
};
const weft = await startWeft(env);

console.log(`
Weft demo is running.
  server          ${weft.url}   (data in ${weft.deps.config.dataDir})
  GitHub emulator ${gh.url}
  HubSpot emulator ${hs.url}
  Slack emulator  ${sl.url}

Load the extension: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3
Then in the Weft popup: create an account, Add connection → GitHub/Slack (the emulator's consent
page opens; press Approve or Deny), or HubSpot → "Private app token" and paste:

  ${hubspot.issueToken()}

A token the emulator never issued (try pat-na1-${randomBytes(8).toString('hex')}) shows HubSpot's rejection.

Demo data: GitHub octocat/hello-world (issues #1–#4) and private octocat/weft-demo; HubSpot contacts
octocat@github.com, jane@example.com, hubot@github.com, companies github.com and example.com, deals
30001–30003; Slack #general and #eng (bot is a member), #sales (it is not). State: GET <emulator>/_emulator/<provider>/state.
Ctrl-C stops everything.
`);

const stop = async () => {
  await weft.close();
  await Promise.all([gh.close(), hs.close(), sl.close()]);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
