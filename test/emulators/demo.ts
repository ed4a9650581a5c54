import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { displayPath, StartupError } from '../../server/lib/startup-error';
import { startWeft, type RunningWeft } from '../../server/start';
import { registeredFor } from '../support/oauth-callback';
import { emulatorEnv } from '../support/stack-env';
import { demoDataDir, demoSecrets, readDemoSettings, writeDemoSettings } from './demo-settings';
import { createGithubEmulator } from './github';
import { defaultGithubUser } from './github/fixtures';
import { createHubspotEmulator, type HubspotEmulator } from './hubspot';
import { startEmulator } from './serve';
import { createSlackEmulator } from './slack';

/**
 * `npm run demo`: the Weft server on :8787 wired to local GitHub, HubSpot and Slack
 * emulators, so every connection flow can be tried without provider accounts. Everything
 * lives in ./data-demo (not ./data): Weft's database, the tokens each emulator issued
 * (emulators/<provider>.json, so a restart keeps every connection working) and demo.json
 * (the webhook secrets, and the server URL for `npm run demo:webhook`).
 */
const dataDir = demoDataDir(process.env);
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const stateFile = (provider: string) => path.join(dataDir, 'emulators', `${provider}.json`);
const previous = readDemoSettings(dataDir);
const secrets = demoSecrets(process.env, previous);

// Each provider's app has this server's callback registered (and refuses any other), as
// an admin sets it up in GitHub's, HubSpot's and Slack's app settings.
const publicUrl = demoPublicUrl();
const github = createGithubEmulator({ ...registeredFor(publicUrl, 'github'), accessTokenTtlSeconds: 8 * 3600, stateFile: stateFile('github') });
const hubspot = createHubspotEmulator({ ...registeredFor(publicUrl, 'hubspot'), stateFile: stateFile('hubspot') });
const slack = createSlackEmulator({ ...registeredFor(publicUrl, 'slack'), stateFile: stateFile('slack') });
const [gh, hs, sl] = await Promise.all([startEmulator(github.app), startEmulator(hubspot.app), startEmulator(slack.app)]);
const closeEmulators = () => Promise.all([gh.close(), hs.close(), sl.close()]);

const env = {
  ...process.env,
  ...secrets,
  WEFT_DATA_DIR: dataDir,
  // Each provider's OAuth app is the one its emulator knows; HubSpot also signs its webhooks with that client secret.
  ...emulatorEnv('github', gh.url),
  ...emulatorEnv('hubspot', hs.url),
  ...emulatorEnv('slack', sl.url),
};
let weft: RunningWeft;
try {
  weft = await startWeft(env);
} catch (error) {
  await closeEmulators();
  console.error(error instanceof StartupError ? `\n${error.message}\n` : `The Weft demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const hubspotToken = await reusableToken(hubspot, previous?.hubspotToken);
const githubLogin = defaultGithubUser.login;
writeDemoSettings(dataDir, { serverUrl: weft.url, githubLogin, secrets, hubspotToken });

console.log(`
Weft demo is running.
  server          ${weft.url}   (data in ${weft.deps.config.dataDir})
  GitHub emulator ${gh.url}
  HubSpot emulator ${hs.url}
  Slack emulator  ${sl.url}

Load the extension: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3
Then in the Weft popup: create an account, Add connection → GitHub/Slack (the emulator's consent
page opens; press Approve or Deny), or HubSpot → "Private app token" and paste:

  ${hubspotToken}

A token the emulator never issued (try pat-na1-${randomBytes(8).toString('hex')}) shows HubSpot's rejection.
Connections survive a restart of the demo: the emulators keep their tokens in ${displayPath(path.join(dataDir, 'emulators'))}.

See a live event: once GitHub is connected, run

  ${process.env.WEFT_DATA_DIR ? `WEFT_DATA_DIR=${process.env.WEFT_DATA_DIR} ` : ''}npm run demo:webhook

It sends a signed GitHub "issue opened" webhook (GitHub's own example payload, moved to
${githubLogin}/hello-world) to ${weft.url}/hooks/github; it shows in the popup's Activity and as a
notification. \`npm run demo:webhook -- issue_comment.created\` sends another kind. The webhook
secrets (WEFT_GITHUB_WEBHOOK_SECRET, WEFT_SLACK_SIGNING_SECRET) are in ${displayPath(path.join(dataDir, 'demo.json'))}.

Demo data: GitHub octocat/hello-world (issues #1–#4) and private octocat/weft-demo; HubSpot contacts
octocat@github.com, jane@example.com, hubot@github.com, companies github.com and example.com, deals
30001–30003; Slack #general and #eng (bot is a member), #sales (it is not). State: GET <emulator>/_emulator/<provider>/state.
Ctrl-C stops everything.
`);

const stop = async () => {
  await weft.close();
  await closeEmulators();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

/** The server's public URL as it will be configured (WEFT_PUBLIC_URL, else from PORT); a bad value stops the demo here. */
function demoPublicUrl(): string {
  try {
    return loadConfig(process.env).publicUrl;
  } catch (error) {
    console.error(`The Weft demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** The private-app token printed last time while the emulator still accepts it, so the hint stays the same across restarts; else a new one. */
async function reusableToken(emulator: HubspotEmulator, token: string | undefined): Promise<string> {
  if (token) {
    const res = await emulator.app.request('/account-info/v3/details', { headers: { authorization: `Bearer ${token}` } });
    if (res.ok) return token;
  }
  return emulator.issueToken();
}
