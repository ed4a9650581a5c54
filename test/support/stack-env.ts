import { randomBytes } from 'node:crypto';
import { envName } from '../../server/config';
import { WEBHOOK_SECRETS } from './webhook-signing';

/**
 * The environment a test stack gives Weft, written once: where the server listens and
 * keeps its data, and which emulator plays each provider.
 */

/**
 * A server on 127.0.0.1:`port` with its data in `dataDir`, a fresh vault key, and the
 * webhook secrets `webhook-signing.ts` signs with. Reuse the returned env for every start
 * on that folder: the vault key is in it.
 */
export function serverEnv(dataDir: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    WEFT_DATA_DIR: dataDir,
    WEFT_PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEFT_SECRET_KEY: randomBytes(32).toString('base64'),
    WEFT_GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRETS.WEFT_GITHUB_WEBHOOK_SECRET,
    WEFT_SLACK_SIGNING_SECRET: WEBHOOK_SECRETS.WEFT_SLACK_SIGNING_SECRET,
    ...extra,
  };
}

/**
 * Provider `id` played by its emulator at `origin` (both its web and API hosts) and, unless
 * `oauthApp` is false, Weft's OAuth app there: `<id>-client-id` / `<id>-client-secret`,
 * the client every emulator knows by default.
 *
 * @example emulatorEnv('github', 'http://127.0.0.1:41234') // WEFT_GITHUB_CLIENT_ID, …_AUTH_URL, …_API_URL
 */
export function emulatorEnv(id: string, origin: string, options: { oauthApp?: boolean } = {}): Record<string, string> {
  const p = `WEFT_${envName(id)}_`;
  return {
    ...(options.oauthApp === false ? {} : { [`${p}CLIENT_ID`]: `${id}-client-id`, [`${p}CLIENT_SECRET`]: `${id}-client-secret` }),
    [`${p}AUTH_URL`]: origin,
    [`${p}API_URL`]: origin,
  };
}
