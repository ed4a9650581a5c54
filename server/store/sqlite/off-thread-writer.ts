import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordRow, RowOutcome } from './group-writer';
import { errorFromThread, type FromWriter, type ToWriter, type WriterData } from './writer-messages';

const THREAD_SCRIPT = new URL('./writer-thread.ts', import.meta.url);

/**
 * The main thread's side of the writer thread (writer-thread.ts): sends each group's rows
 * and resolves with what the thread wrote once its COMMIT (and fsync) has returned there.
 * The thread is referenced only while a group is out, so an idle store never keeps the
 * process alive, and a pending write always does.
 */
export class OffThreadWriter {
  private readonly pending = new Map<number, { resolve: (o: RowOutcome[]) => void; reject: (e: unknown) => void }>();
  private nextId = 0;
  private closing: Promise<void> | null = null;
  /** Why the thread is gone, once it is: every later write fails with it instead of waiting forever. */
  private dead: unknown = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWriter) => this.settle(m));
    // A thread that dies (out of memory, a crash in SQLite) fails what it had.
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`The event log's writer thread stopped (exit code ${code}).`)));
    worker.unref();
  }

  /** Starts the thread on `file` and resolves once its connection is open. */
  static start(file: string, options: { busyTimeoutMs?: number } = {}): Promise<OffThreadWriter> {
    const workerData: WriterData = { weftWriter: true, file, busyTimeoutMs: options.busyTimeoutMs ?? 5000 };
    const worker = new Worker(THREAD_SCRIPT, { workerData, execArgv: typeScriptLoader() });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`The event log's writer thread exited (code ${code}) while starting.`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (m: FromWriter) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (m.type === 'ready') resolve(new OffThreadWriter(worker));
        else {
          void worker.terminate();
          reject(m.type === 'failed' ? errorFromThread(m.error) : new Error(`The event log's writer thread said ${m.type} while starting.`));
        }
      });
    });
  }

  write(rows: RecordRow[]): Promise<RowOutcome[]> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closing) return Promise.reject(new Error('The event log is closed.'));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'write', id, rows } satisfies ToWriter);
    });
  }

  /** Lets every group already sent commit, then closes the thread's connection and ends it. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.on('message', (m: FromWriter) => {
        if (m.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' } satisfies ToWriter);
    });
    return this.closing;
  }

  private settle(m: FromWriter): void {
    if (m.type !== 'written' && m.type !== 'group-failed') return;
    const waiting = this.pending.get(m.id);
    if (!waiting) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker.unref();
    if (m.type === 'group-failed') return waiting.reject(errorFromThread(m.error));
    waiting.resolve(m.outcomes.map((o) => (o.ok ? o : { ok: false, error: errorFromThread(o.error) })));
  }

  private failAll(error: unknown): void {
    this.dead ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

/**
 * The thread runs TypeScript: with the loader this process was started with (tsx, as
 * `npm start` runs the server), or tsx found from here (vitest, which loads TypeScript its
 * own way on its own threads).
 */
function typeScriptLoader(): string[] {
  if (process.execArgv.some((a) => a.includes('tsx'))) return process.execArgv;
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}
