import { describe, expect, it } from 'vitest';
import type { Delivery } from '@@/shared/protocol';
import { withNewestPage, withOlderPage } from './delivery-pages';

const d = (id: number): Delivery => ({
  id, provider: 'github', endpointId: null, eventType: 'issues', status: 'accepted', reason: null, receivedAt: '2026-11-30T00:00:00Z', bodyPreview: '{}', eventCount: 1,
});
const ids = (log: { deliveries: Delivery[] }) => log.deliveries.map((x) => x.id);

describe('the options page’s delivery pages', () => {
  it('Load older appends the next page; a refresh after new deliveries keeps what was read, rows pushed down included', () => {
    let log = withNewestPage(undefined, 'all', { deliveries: [d(9), d(8), d(7)], next: 7 });
    log = withOlderPage(log, { deliveries: [d(6), d(5), d(4)], next: 4 });
    expect(ids(log)).toEqual([9, 8, 7, 6, 5, 4]);
    // Two arrived: the newest page is now 11, 10, 9; 8 and 7 were pushed down and stay.
    log = withNewestPage(log, 'all', { deliveries: [d(11), d(10), d(9)], next: 9 });
    expect(ids(log)).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(log.next).toBe(4);
  });

  it('starts again from the newest page when what was read no longer joins it, or the filters changed', () => {
    let log = withNewestPage(undefined, 'all', { deliveries: [d(9), d(8)], next: 8 });
    log = withOlderPage(log, { deliveries: [d(7)], next: null });
    // Five arrived at once: 10 … 12 were never read, so 9 … 7 cannot follow 13 and 14.
    expect(ids(withNewestPage(log, 'all', { deliveries: [d(14), d(13)], next: 13 }))).toEqual([14, 13]);
    expect(ids(withNewestPage(log, 'rejected', { deliveries: [d(9)], next: 9 }))).toEqual([9]);
    // A newest page that is the whole log is the whole list.
    expect(withNewestPage(log, 'all', { deliveries: [d(10), d(9)], next: null })).toEqual({ filters: 'all', deliveries: [d(10), d(9)], next: null });
  });

  it('an older page never shows a row twice', () => {
    const log = withNewestPage(undefined, 'all', { deliveries: [d(5), d(4)], next: 4 });
    expect(ids(withOlderPage(log, { deliveries: [d(4), d(3)], next: null }))).toEqual([5, 4, 3]);
  });
});
