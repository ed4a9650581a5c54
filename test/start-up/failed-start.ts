import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface FinishedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command from the repository root to its end (a start that is meant to fail),
 * with a deadline so a start that wrongly succeeds fails the test instead of hanging.
 *
 * `withoutRootOverride`: file permissions do not stop root, and CI runs as root. There
 * the command runs without the two capabilities that let root ignore them
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped with util-linux's setpriv), so a
 * chmod 0500 folder refuses it exactly as it refuses any other user.
 */
export function runToExit(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { withoutRootOverride?: boolean; timeoutMs?: number } = {},
): Promise<FinishedProcess> {
  const [file, argv] =
    options.withoutRootOverride && process.getuid?.() === 0
      ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', command, ...args]]
      : [command, args];
  // Its own process group, so a deadline ends `npm start`'s children (a build) with it.
  const child = spawn(file, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Below vitest's 20 s test timeout, so the process is killed here rather than orphaned.
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} was still running after ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `node --import tsx server/main.ts` to its end. */
export const runServerToExit = (env: Record<string, string>, options: { withoutRootOverride?: boolean } = {}) =>
  runToExit(process.execPath, ['--import', 'tsx', 'server/main.ts'], env, options);
