import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../lib/startup-error';
import { assertServerRunsOn, partsMissing, POSTGRES_MISSING_PARTS } from './engine-support';
import { postgresEngine } from './postgres/engine';

describe('which parts of the server can run on PostgreSQL', () => {
  it('the parts the PostgreSQL engine leaves out are exactly the listed ones, so start-up on PostgreSQL refuses while any is missing', () => {
    const parts = postgresEngine({} as pg.Pool);
    expect(partsMissing(parts)).toEqual(POSTGRES_MISSING_PARTS.flatMap((p) => (p.part ? [p.part] : [])));
    expect(() => parts.events.latestId()).toThrow('store.events is not written for PostgreSQL yet');
  });

  it('on PostgreSQL, start-up refuses in one line that names WEFT_DATABASE_URL and each missing part; SQLite is never refused', () => {
    expect(() => assertServerRunsOn('sqlite')).not.toThrow();
    expect(() => assertServerRunsOn('postgres', [])).not.toThrow();
    let error: unknown;
    try {
      assertServerRunsOn('postgres', [{ part: 'events', what: 'the event log (store.events)' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      'WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts are not written for it: the event log (store.events). Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.',
    );
  });
});
