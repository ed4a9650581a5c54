import { describe, expect, it } from 'vitest';
import type { ConnectionChange } from '@@/shared/protocol';
import { makeConnection, makeEvent } from '../testing/events';
import { activityText, isNews, isOwnAction } from './activity-text';

const changed = (change: ConnectionChange, status: 'active' | 'expired' | 'error' = 'active') =>
  makeEvent(1, { type: 'connection.updated', provider: 'hubspot', payload: { connection: makeConnection({ provider: 'hubspot', name: 'Sales portal', status }), change }, summary: { title: 'HubSpot (Sales portal) is connected' } });

describe('activityText', () => {
  it.each<[string, ConnectionChange, string | null]>([
    ['connected', { kind: 'connected' }, 'HubSpot (Sales portal) connected'],
    ['reconnected', { kind: 'reconnected' }, 'HubSpot (Sales portal) reconnected'],
    ['renamed', { kind: 'renamed', from: 'Portal 62515' }, 'HubSpot (Portal 62515) renamed to Sales portal'],
    ['a passing Test that changed nothing is left out', { kind: 'tested', ok: true, changed: false, reason: null }, null],
    ['a passing Test of a broken connection', { kind: 'tested', ok: true, changed: true, reason: null }, 'HubSpot (Sales portal) tested: OK, working again'],
    ['a failing Test', { kind: 'tested', ok: false, changed: true, reason: 'HubSpot rejected the credentials' }, 'HubSpot (Sales portal) tested: failed — HubSpot rejected the credentials'],
    ['expired, with the reason', { kind: 'expired', reason: 'GitHub rejected the credentials (Bad credentials)' }, 'HubSpot (Sales portal) expired — GitHub rejected the credentials (Bad credentials)'],
    ['expired, no reason known', { kind: 'expired', reason: null }, 'HubSpot (Sales portal) expired'],
  ])('%s', (_name, change, expected) => {
    expect(activityText(changed(change), 'HubSpot')).toBe(expected);
  });

  it('a deletion names the connection it removed', () => {
    const event = makeEvent(2, { type: 'connection.updated', payload: { deleted: true, id: 'c1', name: 'Work', change: { kind: 'deleted' } } });
    expect(activityText(event, 'GitHub')).toBe('GitHub (Work) deleted');
  });

  it('never says "is connected" for a change, whatever the title said', () => {
    expect(activityText(changed({ kind: 'renamed', from: 'Old' }), 'HubSpot')).not.toMatch(/is connected/);
  });

  it('events from before change kinds, and all others, read as their title', () => {
    const legacy = makeEvent(3, { type: 'connection.updated', payload: { connection: makeConnection() }, summary: { title: 'GitHub (GitHub) is connected' } });
    expect(activityText(legacy, 'GitHub')).toBe('GitHub (GitHub) is connected');
    const own = makeEvent(4, { type: 'action.completed', summary: { title: 'You created issue #12 in acme/app' } });
    expect(activityText(own, 'GitHub')).toBe('You created issue #12 in acme/app');
    expect(activityText(makeEvent(5, { summary: { title: '' } }), 'GitHub')).toBe('github.issues.opened');
  });

  it('isNews and isOwnAction', () => {
    expect(isNews(changed({ kind: 'tested', ok: true, changed: false, reason: null }))).toBe(false);
    expect(isNews(changed({ kind: 'renamed', from: 'Old' }))).toBe(true);
    expect(isOwnAction(makeEvent(6, { type: 'action.completed' }))).toBe(true);
    expect(isOwnAction(makeEvent(7))).toBe(false);
  });
});
