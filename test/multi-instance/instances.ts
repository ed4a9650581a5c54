import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../bench/server-process';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';

/**
 * Several Weft server processes on one PostgreSQL database, as an operator runs them:
 * the same WEFT_DATABASE_URL and WEFT_SECRET_KEY, each on its own port (its data folder is
 * unused on PostgreSQL but kept apart all the same). An instance counts as started once
 * `/health/ready` answers, which needs its database.
 */
export interface Instances {
  readonly list: ServerProcess[];
  /** The vault key every instance shares (WEFT_SECRET_KEY). */
  secretKey: string;
  url(i: number): string;
  /** SIGKILL: no shutdown code runs, as in a crash or the OOM killer. */
  kill9(i: number): Promise<void>;
  /** Starts instance `i` again on its port; resolves when it is ready. */
  restart(i: number): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export async function startInstances(count: number, databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Instances> {
  const secretKey = randomBytes(32).toString('base64');
  const dirs: string[] = [];
  const envs: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), `weft-instance-${i}-`));
    dirs.push(dir);
    envs.push(serverEnv(dir, await freePort(), { WEFT_DATABASE_URL: databaseUrl, WEFT_SECRET_KEY: secretKey, ...extraEnv }));
  }
  const start = (i: number) => startServerProcess(envs[i]!, { readyPath: '/health/ready', timeoutMs: 60_000 });
  const list: ServerProcess[] = [];
  try {
    // One after another: the first applies any pending migration, and 2 cores start
    // three processes faster in turn than at once.
    for (let i = 0; i < count; i++) list.push(await start(i));
  } catch (error) {
    await Promise.all(list.map((p) => p.kill9()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    list,
    secretKey,
    url: (i) => list[i]!.url,
    kill9: (i) => list[i]!.kill9(),
    async restart(i) {
      list[i] = await start(i);
      return list[i]!;
    },
    async stop() {
      await Promise.all(list.map((p) => p.stop()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
