import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProvider } from '../../shared/providers';
import { hashPassword } from '../../server/accounts/passwords';
import { createUser } from '../../server/accounts/users';
import { loadConfig } from '../../server/config';
import { saveConnection } from '../../server/connections/save-connection';
import { buildDeps } from '../../server/start';

// Shared by the SIGKILL durability test and the benchmarks: the real server as a child
// process (its own event loop, killable with -9), on 127.0.0.1, seeded on disk.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The login @octokit/webhooks-examples payloads are owned and sent by. */
export const EXAMPLE_LOGIN = 'Codertocat';

/**
 * Writes a user, a session and a GitHub connection labelled `Codertocat` straight into the
 * data dir (before the server starts), so example webhooks are routed and become events.
 */
export async function seedGithubUser(env: Record<string, string>): Promise<{ token: string; userId: string; workspaceId: string }> {
  const deps = await buildDeps({ config: loadConfig(env), log: { info() {}, warn() {}, error() {} } });
  try {
    const user = await createUser(deps.store, `bench-${randomBytes(4).toString('hex')}@example.com`, await hashPassword('correct horse battery'));
    const { token } = await deps.lucia.createSession(user.id);
    await saveConnection(deps.db, deps.vault, findProvider('github')!, { id: 'gh-1', label: EXAMPLE_LOGIN }, {
      authMode: 'api_key', accessToken: 'x', refreshToken: null, expiresAt: null, scopes: [],
    }, { workspaceId: user.workspaceId, userId: user.id });
    return { token, userId: user.id, workspaceId: user.workspaceId };
  } finally {
    await deps.store.close();
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited (with its signal, if any). */
  exited: Promise<NodeJS.Signals | number | null>;
  stderr(): string;
  /** SIGKILL: no shutdown code runs, exactly like a crash or the OOM killer. */
  kill9(): Promise<void>;
  /** SIGTERM: the server's own graceful close. */
  stop(): Promise<void>;
}

/**
 * `node --import tsx server/main.ts`, resolved once `/health` (or `readyPath`, e.g.
 * `/health/ready` to wait for the database too) answers 200. stdout (one JSON
 * log line per request) goes to /dev/null: a pipe nobody drains would block the server.
 */
export async function startServerProcess(env: Record<string, string>, options: { nodeArgs?: string[]; timeoutMs?: number; readyPath?: string } = {}): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errText = '';
  child.stderr!.on('data', (d: Buffer) => (errText = (errText + d.toString()).slice(-4000)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let dead = false;
  void exited.then(() => (dead = true));
  const url = `http://127.0.0.1:${env.PORT}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (dead) throw new Error(`Weft exited during start-up: ${errText}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Weft did not answer ${options.readyPath ?? '/health'} within ${timeoutMs} ms: ${errText}`);
    }
    const ok = await fetch(`${url}${options.readyPath ?? '/health'}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const signal = async (s: NodeJS.Signals) => {
    if (!dead) child.kill(s);
    await exited;
  };
  return { url, child, exited, stderr: () => errText, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
