import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What `npm run demo` shares with `npm run demo:webhook`, in `<data dir>/demo.json`: the
 * running server's URL, the GitHub login the emulator signs in as, and the webhook
 * secrets. The secrets are generated on the first start and kept, so the server and the
 * script (and any tool you point at the demo) keep agreeing across restarts.
 */
export interface DemoSettings {
  serverUrl: string;
  githubLogin: string;
  /** The env variables the demo server gets, by name. */
  secrets: { WEFT_GITHUB_WEBHOOK_SECRET: string; WEFT_SLACK_SIGNING_SECRET: string };
  /** The HubSpot private-app token printed last time, printed again while it is valid. */
  hubspotToken?: string;
}

export const DEMO_DATA_DIR = './data-demo';

export const demoDataDir = (env: Record<string, string | undefined>) => env.WEFT_DATA_DIR ?? DEMO_DATA_DIR;

const file = (dataDir: string) => path.join(dataDir, 'demo.json');

export function readDemoSettings(dataDir: string): DemoSettings | null {
  if (!existsSync(file(dataDir))) return null;
  return JSON.parse(readFileSync(file(dataDir), 'utf8')) as DemoSettings;
}

export function writeDemoSettings(dataDir: string, settings: DemoSettings): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file(dataDir), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

/** Secrets from the environment when set there, else from the last run, else new ones. */
export function demoSecrets(env: Record<string, string | undefined>, previous: DemoSettings | null): DemoSettings['secrets'] {
  const make = () => randomBytes(24).toString('base64url');
  return {
    WEFT_GITHUB_WEBHOOK_SECRET: env.WEFT_GITHUB_WEBHOOK_SECRET ?? previous?.secrets.WEFT_GITHUB_WEBHOOK_SECRET ?? make(),
    WEFT_SLACK_SIGNING_SECRET: env.WEFT_SLACK_SIGNING_SECRET ?? previous?.secrets.WEFT_SLACK_SIGNING_SECRET ?? make(),
  };
}
