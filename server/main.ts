import { StartupError } from './lib/startup-error';
import { startWeft } from './start';

// Reads config from the environment, opens the store, serves. Nothing else.
try {
  const weft = await startWeft(process.env);
  const { config } = weft.deps;
  console.log(`\nWeft server: ${weft.url}  (public URL ${config.publicUrl}, data in ${config.dataDir})`);
  console.log('Load the extension: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3\n');
  // Graceful: readiness 503 first, requests in flight finish (server/shutdown.ts).
  const stop = () => void weft.shutdown().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // A StartupError is written for the reader already (path or port, cause, what to do).
  if (error instanceof StartupError) console.error(`\n${error.message}\n`);
  else console.error(`Weft could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
