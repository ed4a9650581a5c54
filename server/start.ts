import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimiter } from './actions/rate-limiter';
import { createLucia } from './accounts/lucia';
import { SessionEnds } from './accounts/session-ends';
import { createSignInThrottle } from './accounts/sign-in-throttle';
import { createApp } from './app';
import type { AppDeps } from './app-context';
import { loadConfig, type Config } from './config';
import { decodeKey, loadSecretKey } from './connections/secret-key';
import { createTokenService } from './connections/tokens';
import { publishConnection } from './connections/publish';
import { Vault } from './connections/vault';
import { checkVault } from './connections/vault-check';
import { createLogger, type Logger } from './lib/log';
import { EventLog } from './events/event-log';
import { serverSchedules, serverTasks } from './jobs/server-jobs';
import { followEvents } from './flows/runner/event-triggers';
import { createScheduleTicker } from './flows/triggers/schedule-ticker';
import { PushHub } from './events/push-hub';
import { RejectedDeliveries } from './hooks/rejections';
import { WebSocketServer } from 'ws';
import { explainListenError } from './listen-error';
import { Lifecycle, stopServing } from './shutdown';
import { openStore, type Store, type StoreLocation } from './store/open';

export interface BuildOptions {
  config: Config;
  log?: Logger;
  fetch?: typeof fetch;
  /**
   * Tests pass ':memory:' or a store they opened themselves (a PostgreSQL test database);
   * everyone else gets the store the configuration names (WEFT_DATABASE_URL or the data directory).
   */
  store?: ':memory:' | Store;
}

/** Opens the store, checks the vault key, wires the dependencies. No listening yet. */
export async function buildDeps(options: BuildOptions): Promise<AppDeps> {
  const { config } = options;
  const log = options.log ?? createLogger();
  const given = typeof options.store === 'object' ? options.store : undefined;
  const location: StoreLocation =
    options.store === ':memory:' ? ':memory:' : config.database ? { databaseUrl: config.database.url, poolSize: config.database.poolSize, log } : { dataDir: config.dataDir, log };
  const store = given ?? (await openStore(location));
  try {
    const vault = new Vault({
      current: loadSecretKey(config, log),
      previous: config.previousSecretKeys.map((k, i) => decodeKey(k, `WEFT_SECRET_KEYS_PREVIOUS[${i}]`)),
    });
    await checkVault(store.db, vault, log);
    const fetchImpl = options.fetch ?? fetch;
    const events = new EventLog(store.events, log);
    const hub = new PushHub(events, store.signals, log);
    await hub.start();
    const tokens = createTokenService({
      db: store.db, vault, config, fetch: fetchImpl, log,
      onStatusChange: (id) => publishConnection({ db: store.db, events }, id, { kind: 'expired' }),
    });
    return {
      config,
      db: store.db,
      store,
      events,
      hub,
      rejections: new RejectedDeliveries(store.rejections, Date.now, log),
      lucia: createLucia(store.sessionAdapter),
      sessionEnds: new SessionEnds(store.signals, log),
      vault,
      log,
      fetch: fetchImpl,
      tokens,
      limiter: new RateLimiter(store.windows),
      signInThrottle: createSignInThrottle(store.windows),
      // The jobs table on SQLite, graphile-worker on PostgreSQL.
      jobs: store.jobQueue({ log }),
      lifecycle: new Lifecycle(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export interface RunningWeft {
  url: string;
  deps: AppDeps;
  /** Stops now: the listener closes, requests in flight get up to WEFT_SHUTDOWN_GRACE_MS, then the jobs and the store stop. */
  close(): Promise<void>;
  /** What SIGTERM does: readiness answers 503 for WEFT_SHUTDOWN_DELAY_MS while everything is still served, then `close`. */
  shutdown(): Promise<void>;
}

/** Starts the server: store, vault, HTTP listener, job runner (token refresh and the other sweeps). */
export async function startWeft(env: Record<string, string | undefined>, options: Omit<BuildOptions, 'config'> = {}): Promise<RunningWeft> {
  const config = loadConfig(env);
  const deps = await buildDeps({ ...options, config });
  const app = createApp(deps);
  // Clients send only hello and ping frames: 64 KiB is ample, and the library's default
  // (100 MiB) would let anyone make the server buffer that much before saying hello.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await deps.store.close();
    throw explainListenError(error, config);
  }
  const { port } = server.address() as AddressInfo;
  // Background work (token refresh, OAuth sweeps, retention, …) runs as jobs and cron schedules.
  const runner = deps.jobs.runner({ tasks: serverTasks(deps), schedules: serverSchedules });
  runner.start();
  // Every committed event is matched against the flows' event triggers (a job, woken here).
  const stopFollowing = followEvents(deps);
  // Flows' schedule triggers: each tick fired once across every instance (schedule-ticker.ts).
  const ticker = createScheduleTicker(deps);
  await ticker.start();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      deps.lifecycle.beginDrain();
      await stopServing(server as Server, wss, deps.lifecycle, config.shutdown.graceMs);
      stopFollowing();
      await ticker.stop();
      // Running jobs are told to stop and waited for; one that outlives the grace runs
      // again after the next start, once its lease has run out.
      await runner.stop();
      // Counts of refused requests still in memory (at most a few seconds' worth).
      await deps.rejections.flush();
      await deps.hub.stop();
      await deps.store.close();
    })();
    return closing;
  };
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    deps,
    close,
    async shutdown() {
      deps.lifecycle.beginDrain();
      if (config.shutdown.delayMs > 0) {
        deps.log.info('Shutting down: readiness answers 503 while requests are still served', { delayMs: config.shutdown.delayMs });
        await new Promise((resolve) => setTimeout(resolve, config.shutdown.delayMs));
      }
      await close();
    },
  };
}
