import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { GroupWriter, type RecordRow, type RowOutcome } from './group-writer';
import { errorToThread, type FromWriter, type ToWriter, type WriterData } from './writer-messages';

// The writer thread (started by off-thread-writer.ts, never imported): it owns the event
// log's write connection to `weft.db` and runs each group commit, fsync included, off the
// main thread, whose event loop keeps reading, verifying and parsing the next webhooks
// meanwhile. WAL lets the main thread's connection read while this one writes; SQLite's
// locks order this connection's commits with the main connection's own writes. Messages
// are handled one at a time, in order: groups commit in the order they were sent, and
// `close` comes after every group sent before it.

/** The write connection: the same settings as the main one (open.ts); synchronous is per connection. */
export function openWriteConnection(file: string, busyTimeoutMs = 5000): DatabaseSync {
  const sqlite = new DatabaseSync(file);
  sqlite.exec(`PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${Math.floor(busyTimeoutMs)};`);
  return sqlite;
}

function main(port: NonNullable<typeof parentPort>, data: WriterData) {
  let sqlite: DatabaseSync;
  let writer: GroupWriter;
  try {
    sqlite = openWriteConnection(data.file, data.busyTimeoutMs);
    writer = new GroupWriter(sqlite);
  } catch (error) {
    port.postMessage({ type: 'failed', error: errorToThread(error) } satisfies FromWriter);
    return;
  }
  port.on('message', (m: ToWriter) => {
    if (m.type === 'close') {
      sqlite.close();
      port.postMessage({ type: 'closed' } satisfies FromWriter);
      port.close();
      return;
    }
    let outcomes: RowOutcome[];
    try {
      outcomes = writer.write(m.rows as RecordRow[]);
    } catch (error) {
      port.postMessage({ type: 'group-failed', id: m.id, error: errorToThread(error) } satisfies FromWriter);
      return;
    }
    const sent = outcomes.map((o) => (o.ok ? o : { ok: false as const, error: errorToThread(o.error) }));
    port.postMessage({ type: 'written', id: m.id, outcomes: sent } satisfies FromWriter);
  });
  port.postMessage({ type: 'ready' } satisfies FromWriter);
}

if (parentPort && (workerData as WriterData | undefined)?.weftWriter) main(parentPort, workerData as WriterData);
