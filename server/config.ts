import path from 'node:path';
import { z } from 'zod';
import { catalog } from '../shared/providers';
import { parseLimit } from './actions/rate-limiter';
import { checkDatabaseUrl } from './store/database-url';

/** Settings of one provider, all from env: app credentials and origin overrides. */
export interface ProviderSettings {
  clientId?: string;
  clientSecret?: string;
  /** Replaces the origin of the provider's web/login host (e.g. an emulator). */
  authOrigin?: string;
  /** Replaces the origin of the provider's API host. */
  apiOrigin?: string;
  /** `WEFT_<ID>_RATE_LIMIT=190/10s`: the connection-wide limit, for higher provider tiers. */
  rateLimit?: { max: number; windowMs: number };
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * PostgreSQL (`WEFT_DATABASE_URL`) and its pool size (`WEFT_DATABASE_POOL`); absent, the
   * store is SQLite under dataDir.
   */
  database?: { url: string; poolSize: number };
  /** The server's public base URL, used in OAuth redirect and webhook URLs; no trailing slash. */
  publicUrl: string;
  /** Base64 of 32 bytes; when absent the key file under dataDir is used (or created). */
  secretKey?: string;
  /** Earlier keys, still accepted for decryption while their data is re-encrypted. */
  previousSecretKeys: string[];
  /**
   * How many reverse proxies you run in front of Weft, each appending to X-Forwarded-For;
   * 0 ignores the header. The client IP is the entry the outermost of them added.
   */
  trustProxy: number;
  providers: Record<string, ProviderSettings>;
  /** Webhook signing secrets; a provider without one answers 503 at /hooks/<provider>. */
  webhookSecrets: { github?: string; slack?: string; hubspot?: string };
  /** `WEFT_BENCH=1`, set by `npm run bench` only: adds intake's ceiling, `POST /hooks/bench/sink`. */
  benchSink: boolean;
  /** `WEFT_ALLOW_PRIVATE_HTTP=1`: flows' http and webhook steps may reach private, loopback and link-local addresses. */
  allowPrivateHttp: boolean;
  /** How long and how many events (and their deliveries) are kept; see server/events/retention.ts. */
  retention: { days: number; eventsPerWorkspace: number };
  /**
   * On SIGTERM / SIGINT (server/shutdown.ts): `delayMs` with readiness answering 503 while
   * everything is still served, so a load balancer stops sending new requests
   * (WEFT_SHUTDOWN_DELAY_MS); then up to `graceMs` for requests in flight to finish before
   * their connections are cut (WEFT_SHUTDOWN_GRACE_MS).
   */
  shutdown: { delayMs: number; graceMs: number };
  /** How long and how many finished flow runs (and filtered firings) are kept per instance; see server/flows/runner/run-retention.ts. */
  flowRunRetention: { days: number; perInstance: number };
}

/** `microsoft-teams` → `MICROSOFT_TEAMS`: the prefix of a provider's env vars. */
export const envName = (providerId: string): string => providerId.toUpperCase().replace(/-/g, '_');

const origin = z
  .string()
  .url()
  .transform((u) => new URL(u).origin);

/**
 * Events kept per workspace at most (WEFT_EVENT_RETENTION_COUNT), beside the 30 days.
 * Age is meant to be the limit that binds: a busy team's GitHub and HubSpot send a few
 * thousand events a day, well under this in 30 days. The count is the bound for one
 * workspace that is far noisier (a bot, a bulk import), so it cannot fill the disk before
 * the age limit comes round: with an 11 KB GitHub body per event, 100,000 events are about
 * 1.2 GB. It is also more than a browser is sent in one catch-up (10,000 events a minute).
 */
const DEFAULT_EVENTS_PER_WORKSPACE = 100_000;

/** A whole number within bounds, from env text; one message for every way it can be wrong. */
const wholeNumber = (message: string, min: number, max: number) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  WEFT_DATA_DIR: z.string().default('./data'),
  WEFT_DATABASE_URL: z.string().optional(),
  WEFT_DATABASE_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  WEFT_PUBLIC_URL: z.string().url().optional(),
  WEFT_SECRET_KEY: z.string().optional(),
  WEFT_SECRET_KEYS_PREVIOUS: z.string().optional(),
  WEFT_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|true|false)$/, 'Use the number of reverse proxies in front of Weft (0 for none, 1 for one).')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v)))
    .default(0),
  WEFT_EVENT_RETENTION_DAYS: wholeNumber('Use a whole number of days, from 1 to 36500.', 1, 36_500).default(30),
  WEFT_EVENT_RETENTION_COUNT: wholeNumber('Use a whole number of events, from 1000 to 100000000.', 1_000, 100_000_000).default(DEFAULT_EVENTS_PER_WORKSPACE),
  WEFT_FLOW_RUN_RETENTION_DAYS: wholeNumber('Use a whole number of days, from 1 to 36500.', 1, 36_500).default(30),
  WEFT_FLOW_RUN_RETENTION_COUNT: wholeNumber('Use a whole number of runs, from 100 to 10000000.', 100, 10_000_000).default(10_000),
  WEFT_GITHUB_WEBHOOK_SECRET: z.string().optional(),
  WEFT_SLACK_SIGNING_SECRET: z.string().optional(),
  WEFT_SHUTDOWN_DELAY_MS: wholeNumber('Use a whole number of milliseconds, from 0 to 300000.', 0, 300_000).default(0),
  WEFT_SHUTDOWN_GRACE_MS: wholeNumber('Use a whole number of milliseconds, from 0 to 300000.', 0, 300_000).default(10_000),
  WEFT_BENCH: z.enum(['0', '1'], { error: 'Use 1 to add the benchmark route, or leave it unset.' }).optional(),
  WEFT_ALLOW_PRIVATE_HTTP: z.enum(['0', '1'], { error: 'Use 1 to let flows call private addresses, or leave it unset.' }).optional(),
});

/** Reads configuration from env; a bad value stops start-up with the variable's name. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const providers: Record<string, ProviderSettings> = {};
  for (const provider of catalog) {
    const prefix = `WEFT_${envName(provider.id)}_`;
    const read = (name: string) => env[prefix + name]?.trim() || undefined;
    const readOrigin = (name: string) => {
      const value = read(name);
      if (!value) return undefined;
      const o = origin.safeParse(value);
      if (!o.success) throw new Error(`Invalid configuration: ${prefix}${name} must be a URL, got "${value}"`);
      return o.data;
    };
    providers[provider.id] = {
      clientId: read('CLIENT_ID'),
      clientSecret: read('CLIENT_SECRET'),
      authOrigin: readOrigin('AUTH_URL'),
      apiOrigin: readOrigin('API_URL'),
      rateLimit: parseLimit(read('RATE_LIMIT')),
    };
  }
  let databaseUrl: string | undefined;
  try {
    databaseUrl = e.WEFT_DATABASE_URL?.trim() ? checkDatabaseUrl(e.WEFT_DATABASE_URL) : undefined;
  } catch (error) {
    throw new Error(`Invalid configuration: ${(error as Error).message}`);
  }
  const publicUrl = (e.WEFT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.WEFT_DATA_DIR),
    database: databaseUrl ? { url: databaseUrl, poolSize: e.WEFT_DATABASE_POOL } : undefined,
    publicUrl,
    secretKey: e.WEFT_SECRET_KEY?.trim() || undefined,
    previousSecretKeys: (e.WEFT_SECRET_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    trustProxy: e.WEFT_TRUST_PROXY,
    providers,
    retention: { days: e.WEFT_EVENT_RETENTION_DAYS, eventsPerWorkspace: e.WEFT_EVENT_RETENTION_COUNT },
    shutdown: { delayMs: e.WEFT_SHUTDOWN_DELAY_MS, graceMs: e.WEFT_SHUTDOWN_GRACE_MS },
    flowRunRetention: { days: e.WEFT_FLOW_RUN_RETENTION_DAYS, perInstance: e.WEFT_FLOW_RUN_RETENTION_COUNT },
    webhookSecrets: {
      github: e.WEFT_GITHUB_WEBHOOK_SECRET?.trim() || undefined,
      slack: e.WEFT_SLACK_SIGNING_SECRET?.trim() || undefined,
      // HubSpot signs webhooks with the app's client secret.
      hubspot: providers.hubspot?.clientSecret,
    },
    benchSink: e.WEFT_BENCH === '1',
    allowPrivateHttp: e.WEFT_ALLOW_PRIVATE_HTTP === '1',
  };
}
