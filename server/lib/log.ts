/**
 * A small structured logger: one JSON line per entry. Field values whose key looks like
 * a secret are replaced before anything is written, so a token passed by mistake still
 * never reaches the log.
 */
export type LogFields = Record<string, unknown>;
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Keys whose values are never written: logs, and a flow run's recorded step input (server/flows/runner/step-record.ts). */
export const SECRET_KEY = /token|secret|password|authorization|code_verifier|credential|cookie/i;

export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = redact(value as LogFields);
    else out[key] = value;
  }
  return out;
}

export function createLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const entry = (level: string) => (message: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(fields) }));
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}
