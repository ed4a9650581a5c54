import type { RecordRow, RowOutcome } from './group-writer';

// What the main thread and the writer thread (writer-thread.ts) say to each other.

export interface WriterData {
  weftWriter: true;
  /** The database file; the thread opens its own connection to it. */
  file: string;
  /** How long one try to take the write lock waits (SQLite's busy_timeout); the thread tries again after it. */
  busyTimeoutMs: number;
}

export type ToWriter = { type: 'write'; id: number; rows: RecordRow[] } | { type: 'close' };

/** An error as it crosses threads: structured cloning keeps an Error's message but drops SQLite's codes. */
export interface ThreadError {
  message: string;
  code?: string;
  errcode?: number;
}

export type SentOutcome = Exclude<RowOutcome, { ok: false }> | { ok: false; error: ThreadError };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'failed'; error: ThreadError }
  | { type: 'written'; id: number; outcomes: SentOutcome[] }
  | { type: 'group-failed'; id: number; error: ThreadError }
  | { type: 'closed' };

export function errorToThread(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return { message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(typeof errcode === 'number' ? { errcode } : {}) };
}

export function errorFromThread(e: ThreadError): Error {
  return Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code }, e.errcode === undefined ? {} : { errcode: e.errcode });
}
