import { describe, expect, it } from 'vitest';
import { StartupError } from '../lib/startup-error';
import { assertServerRunsOn } from './engine-support';

describe('which parts of the server can run on PostgreSQL', () => {
  it('on PostgreSQL, start-up refuses in one line that names WEFT_DATABASE_URL and each missing part; SQLite is never refused', () => {
    expect(() => assertServerRunsOn('sqlite')).not.toThrow();
    expect(() => assertServerRunsOn('postgres', [])).not.toThrow();
    let error: unknown;
    try {
      assertServerRunsOn('postgres', [{ what: 'the job engine' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      'WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts are not written for it: the job engine. Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.',
    );
  });
});
