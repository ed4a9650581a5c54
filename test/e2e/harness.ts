import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { startWeft, type RunningWeft } from '../../server/start';
import { createGithubEmulator } from '../emulators/github';
import { createHubspotEmulator } from '../emulators/hubspot';
import { createSlackEmulator } from '../emulators/slack';
import { startEmulator, type RunningEmulator } from '../emulators/serve';
import { freePort } from '../support/free-port';
import { registeredFor } from '../support/oauth-callback';
import { emulatorEnv, serverEnv } from '../support/stack-env';
import { chromiumArgs, chromiumPath } from '../support/chromium';

export const ARTIFACTS = path.resolve('test/e2e/artifacts');
const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

export type StackOptions = {
  /** Serve Slack's emulator too (WEFT_SLACK_*), optionally behind a wrapper app (e.g. to seed what its API answers). */
  slack?: boolean | { wrap: (app: Hono) => Hono };
};

/**
 * Everything a user would have: the Weft server (its own data dir and key), GitHub and
 * HubSpot (and, when asked, Slack) emulators standing in for the providers, and Debian's
 * Chromium with the production build of the extension loaded.
 */
export async function startStack(options: StackOptions = {}) {
  // The port first: each provider's app registers Weft's callback on it, and refuses any other.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const github = createGithubEmulator(registeredFor(publicUrl, 'github'));
  const hubspot = createHubspotEmulator(registeredFor(publicUrl, 'hubspot'));
  const slack = createSlackEmulator(registeredFor(publicUrl, 'slack'));
  const slackApp = typeof options.slack === 'object' ? options.slack.wrap(slack.app) : slack.app;
  const [gh, hs, sl] = await Promise.all([
    startEmulator(github.app),
    startEmulator(hubspot.app),
    options.slack ? startEmulator(slackApp) : Promise.resolve(null),
  ]);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-e2e-'));
  const logLines: string[] = [];
  const env: Record<string, string> = {
    ...serverEnv(dataDir, port),
    ...emulatorEnv('github', gh.url),
    ...emulatorEnv('hubspot', hs.url),
    ...(sl ? emulatorEnv('slack', sl.url) : {}),
  };
  const log = { info: (m: string, f?: object) => logLines.push(JSON.stringify({ m, ...f })), warn: (m: string, f?: object) => logLines.push(JSON.stringify({ m, ...f })), error: (m: string, f?: object) => logLines.push(JSON.stringify({ m, ...f })) };
  let weft: RunningWeft = await startWeft(env, { log });

  const browser: Browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir: mkdtempSync(path.join(tmpdir(), 'weft-chromium-')),
    args: chromiumArgs,
  });
  const extensionId = await browser.installExtension(EXTENSION_DIR);
  const workerTarget = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${extensionId}/background.js`,
  );
  const worker = (await workerTarget.worker()) as WebWorker;
  mkdirSync(ARTIFACTS, { recursive: true });

  const emulators: RunningEmulator[] = [gh, hs, ...(sl ? [sl] : [])];
  let weftDown = false;
  return {
    github, hubspot, slack, gh, hs, sl, browser, extensionId, worker, dataDir, logLines,
    /** The running server; a new object after `restartWeft()`. */
    get weft() {
      return weft;
    },
    extensionUrl: (page: string) => `chrome-extension://${extensionId}/${page}`,
    /** Stops the Weft server (as a crash or deploy would): the browser finds nobody at its URL. */
    async stopWeft() {
      weftDown = true;
      await weft.close();
    },
    /** Starts it again on the same port, data directory and key: sessions and connections survive. */
    async startWeft() {
      weft = await startWeft(env, { log });
      weftDown = false;
    },
    async close() {
      await browser.close().catch(() => {});
      if (!weftDown) await weft.close();
      await Promise.all(emulators.map((e) => e.close()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) as `${string}.png` });
}
