import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../../test/support/free-port';

/**
 * A throwaway PostgreSQL cluster for one test run, from the machine's own binaries:
 * `initdb` into a fresh temporary folder, `pg_ctl start` on a free port on 127.0.0.1 with
 * its socket in that folder, `pg_ctl stop` and the folder removed afterwards. Nothing of
 * the machine's own PostgreSQL (if one runs) is touched. `npm run bench` starts one too.
 *
 * PostgreSQL refuses to run as root, so under root (CI) the cluster runs as the
 * `postgres` user Debian's package creates, or `nobody` without it. fsync is off unless
 * `durable` is asked for: these databases live for one run.
 *
 * A run that is killed (SIGKILL, a CI timeout) cannot stop its cluster; `owner.pid` in
 * the folder names the test run, and the next run stops and removes clusters whose owner
 * is gone, so they do not pile up.
 */
export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: a superuser without a password. */
  url: string;
  /** The temporary folder holding its data, socket and log; gone after `stop`. */
  dir: string;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(debian, versions[0], 'bin') : null;
}

/** uid and gid to run the cluster as: this process's own, or an unprivileged user's under root. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('The tests run as root, and PostgreSQL refuses to: no `postgres` or `nobody` user to run it as.');
}

function run(file: string, args: string[], cwd: string, user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: initdb takes its locale from the environment, and a locale the machine lacks fails it.
    const child = spawn(file, args, { cwd, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], ...user });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

const PREFIX = 'weft-pg-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Stops and removes clusters left by test runs that died without stopping them. */
async function removeOrphans(bin: string, user: { uid: number; gid: number } | undefined): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue; // not one of ours, or still being created
    }
    if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) continue;
    await run(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], dir, user).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `durable`: keep PostgreSQL's fsync and synchronous commit on (the bench, whose 2xx must
 * mean "on disk" as SQLite's does); tests leave them off, their databases live for one run.
 */
export async function startCluster(options: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'The tests need PostgreSQL: install its server binaries (Debian: apt-get install postgresql; .ci/run does it), or point WEFT_TEST_DATABASE_URL at a server where the user may create databases.',
    );
  }
  const user = clusterUser();
  await removeOrphans(bin, user);
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  try {
    await run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], dir, user);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=300', ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off'])];
    await run(pgCtl, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start', '-o', settings.join(' ')], dir, user);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      dir,
      async stop() {
        await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], dir, user).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = existsSync(path.join(dir, 'log')) ? readFileSync(path.join(dir, 'log'), 'utf8') : '';
    await run(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], dir, user).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}${log ? `\nPostgreSQL's log:\n${log}` : ''}`, { cause: error });
  }
}
