import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadConfig, type Config } from './config';
import { explainListenError } from './listen-error';
import { StartupError } from './lib/startup-error';
import { assertDataDirUsable } from './store/data-dir-check';
import { lockDataDir } from './store/data-dir-lock';
import { probePostgres } from './store/postgres-pool';

/**
 * `npm start` and `npm run demo` run this before building the extension, so a second
 * server in the same folder, a busy port or an unusable data folder is reported at once,
 * in the same words the server would use, instead of after a rebuild under a running
 * server. On PostgreSQL (WEFT_DATABASE_URL) there is no folder lock: it checks that the
 * database answers. The server checks all of it again when it starts (something may change between).
 *
 * `--default-data-dir=./data-demo` sets the folder used when WEFT_DATA_DIR is not set.
 */
const defaultDataDir = process.argv.find((a) => a.startsWith('--default-data-dir='))?.split('=')[1];
const env = { ...process.env, WEFT_DATA_DIR: process.env.WEFT_DATA_DIR ?? defaultDataDir };

try {
  const config = loadConfig(env);
  if (config.database) {
    await probePostgres(config.database.url);
  } else {
    assertDataDirUsable(config.dataDir);
    // Taking the lock and letting go is the only exact test of "nobody holds it".
    if (existsSync(config.dataDir)) lockDataDir(config.dataDir).release();
  }
  await assertPortFree(config);
} catch (error) {
  console.error(error instanceof StartupError ? `\n${error.message}\n` : `Weft could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(explainListenError(error, config)));
    probe.listen(config.port, config.host, () => probe.close(() => resolve()));
  });
}
