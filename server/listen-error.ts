import type { Config } from './config';
import { StartupError } from './lib/startup-error';

/**
 * Node says "listen EADDRINUSE: address already in use 127.0.0.1:8787"; a person needs
 * to know which port, that something else holds it, and how to pick another.
 *
 * @example explainListenError(Object.assign(new Error(), { code: 'EADDRINUSE' }), { port: 8787, host: '127.0.0.1' }).message
 * // 'Port 8787 on 127.0.0.1 is already in use by another program (another Weft server?). Stop it, or choose another port: PORT=8788 npm start'
 */
export function explainListenError(error: unknown, config: Pick<Config, 'port' | 'host'>, env: Record<string, string | undefined> = process.env): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const port = `Port ${config.port} on ${config.host}`;
  // Under `npm run demo` the hint says so; npm names the running script in npm_lifecycle_event.
  const command = env.npm_lifecycle_event === 'demo' ? 'npm run demo' : 'npm start';
  const other = `PORT=${config.port > 0 && config.port < 65535 ? config.port + 1 : 8788} ${command}`;
  if (code === 'EADDRINUSE') {
    return new StartupError(`${port} is already in use by another program (another Weft server?). Stop it, or choose another port: ${other}`, { cause: error });
  }
  if (code === 'EACCES') {
    return new StartupError(`${port} is not open to this user (EACCES; ports below 1024 need privileges). Choose another port: ${other}`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL') {
    return new StartupError(`HOST=${config.host} is not an address of this machine (EADDRNOTAVAIL). Use 127.0.0.1, or 0.0.0.0 for every interface.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
