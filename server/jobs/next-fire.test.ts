import { describe, expect, it } from 'vitest';
import { nextFire } from './next-fire';

const at = (iso: string) => Date.parse(iso);

describe('next fire time of a schedule', () => {
  it('is the next matching minute in UTC, strictly after the given time', () => {
    expect(nextFire({ name: 'm', cron: '* * * * *' }, at('2026-03-01T12:00:30Z'))).toBe(at('2026-03-01T12:01:00Z'));
    expect(nextFire({ name: 'm', cron: '* * * * *' }, at('2026-03-01T12:01:00Z'))).toBe(at('2026-03-01T12:02:00Z'));
    expect(nextFire({ name: 'd', cron: '17 3 * * *' }, at('2026-03-01T12:00:00Z'))).toBe(at('2026-03-02T03:17:00Z'));
  });

  it('refuses patterns the other engine could not read, naming the schedule', () => {
    expect(() => nextFire({ name: 'fast', cron: '*/5 * * * * *' }, 0)).toThrow('Schedule fast: "*/5 * * * * *" must have five fields');
    expect(() => nextFire({ name: 'typo', cron: '61 * * * *' }, 0)).toThrow(/Schedule typo: "61 \* \* \* \*" is not a cron pattern/);
  });
});
