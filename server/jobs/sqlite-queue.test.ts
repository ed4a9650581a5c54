import { openStore } from '../store/open';
import { createLogger } from '../lib/log';
import { describeJobEngine } from './job-engine-contract';
import { createSqliteQueue } from './sqlite-queue';

const LEASE_MS = 30_000;

describeJobEngine('SQLite', async () => {
  const store = await openStore(':memory:');
  // A clock the test moves; heartbeats stay on real timers, fast, so renewals happen between moves.
  let clock = Date.parse('2026-03-01T12:00:30Z');
  const queue = createSqliteQueue({ db: store.db, log: createLogger(() => {}), now: () => clock, leaseMs: LEASE_MS, heartbeatMs: 10 });
  return {
    queue,
    db: store.db,
    now: () => clock,
    advance: async (ms) => void (clock += ms),
    leaseMs: LEASE_MS,
    close: () => store.close(),
  };
});
