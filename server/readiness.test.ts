import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from './store/testing/engines';
import { createTestApp, type TestApp } from './testing/test-app';

// /health is liveness; /health/ready asks the database (the lost-database case, through a
// TCP proxy the test cuts, is test/failure/postgres-lost.test.ts).

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('readiness', (engine) => {
  it('GET /health/ready answers 200 with the time the database took to answer; /health stays the bare liveness answer', async () => {
    t = await createTestApp({}, { engine });
    const ready = await t.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json.ok).toBe(true);
    expect(ready.json.database.ms).toBeGreaterThanOrEqual(0);
    expect(ready.json.database.ms).toBeLessThan(2000);
    expect((await t.call('GET', '/health')).json).toEqual({ ok: true });
  });

  it('a closed store makes the instance not ready: 503 database_unavailable with the reason', async () => {
    t = await createTestApp({}, { engine });
    await t.deps.store.db.destroy();
    const res = await t.call('GET', '/health/ready');
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe('database_unavailable');
    expect(res.json.error.message).toMatch(/^Not ready: (SQLite|PostgreSQL) (cannot be reached|failed a test query) \(.+\)\.$/);
  });
});
