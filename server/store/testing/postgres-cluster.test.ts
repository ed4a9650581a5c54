import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, it } from 'vitest';
import { startCluster } from './postgres-cluster';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A test run that starts its cluster and is then killed with SIGKILL, before it can stop it. */
function killedRun(): Promise<{ url: string; dir: string }> {
  const script = `import { startCluster } from './server/store/testing/postgres-cluster.ts';
    const c = await startCluster();
    console.log(JSON.stringify({ url: c.url, dir: c.dir }));
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(JSON.parse(out)) : reject(new Error(`the run ended without being killed: ${out}`))));
  });
}

const backendUid = async (url: string) => {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${rows[0]!.pid}/status`, 'utf8'))![1]);
  } finally {
    await client.end();
  }
};

it('the tests’ throwaway PostgreSQL runs unprivileged, is removed when stopped, and one left by a killed run is removed by the next', { timeout: 60_000 }, async () => {
  const orphan = await killedRun();
  expect(existsSync(orphan.dir)).toBe(true);
  // Still running with nobody to stop it …
  expect(await backendUid(orphan.url)).toBeGreaterThanOrEqual(0);

  const cluster = await startCluster();
  // … until the next run starts: stopped and its folder gone.
  expect(existsSync(orphan.dir)).toBe(false);
  await expect(backendUid(orphan.url)).rejects.toThrow(/ECONNREFUSED/);

  // PostgreSQL refuses root; under root the cluster runs as another user.
  const uid = await backendUid(cluster.url);
  if (process.getuid?.() === 0) expect(uid).not.toBe(0);
  else expect(uid).toBe(process.getuid?.());

  await cluster.stop();
  expect(existsSync(cluster.dir)).toBe(false);
});
