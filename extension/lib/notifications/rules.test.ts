import { describe, expect, it } from 'vitest';
import { makeConnection, makeEvent } from '../testing/events';
import { defaultNotificationSettings, ruleFor, wantsAttention, withDefaults, type NotificationSettings, type RuleContext } from './rules';

const context: RuleContext = { githubLogins: ['Octocat'] };
const defaults: NotificationSettings = withDefaults(null);
const only = (changes: Partial<NotificationSettings['enabled']>, dealOwnerId = ''): NotificationSettings => ({
  enabled: { ...defaults.enabled, ...changes },
  dealOwnerId,
});

const assigned = makeEvent(1, { type: 'github.issues.assigned', summary: { actor: 'hubot', assignees: ['octocat'] } });
const mentioned = makeEvent(2, { type: 'github.issue_comment.created', summary: { actor: 'hubot', mentions: ['octocat'] } });
const someoneElses = makeEvent(3, { type: 'github.issues.opened', summary: { actor: 'hubot', assignees: ['mona'] } });
const dealStage = (owner: string) =>
  makeEvent(4, {
    type: 'hubspot.deal.propertyChange',
    provider: 'hubspot',
    payload: { propertyName: 'dealstage', propertyValue: 'closedwon' },
    summary: { assignees: [owner] },
  });
const dealAmount = makeEvent(5, { type: 'hubspot.deal.propertyChange', provider: 'hubspot', payload: { propertyName: 'amount' } });
const connectionUpdate = (status: 'active' | 'expired' | 'error') =>
  makeEvent(6, { type: 'connection.updated', payload: { connection: makeConnection({ status }) } });
const custom = makeEvent(7, { type: 'custom.ep_123', provider: 'custom' });
const slack = makeEvent(8, { type: 'slack.message', provider: 'slack' });
const flowFailed = makeEvent(12, { type: 'flow.run_failed', provider: 'weft', summary: { title: 'Flow “Urgent bug to Slack” failed: Slack refused: channel not found' } });
const flowInstance = (kind: 'paused' | 'resumed') =>
  makeEvent(13, {
    type: 'flow.instance.updated',
    provider: 'weft',
    summary: { title: kind === 'paused' ? 'Flow Alerts paused: GitHub (Work) expired: reconnect it to resume this flow.' : 'Flow Alerts resumed: its connections work again' },
    payload: kind === 'paused'
      ? { instance: { id: 'fin_1', name: 'Alerts', status: 'paused', statusReason: 'GitHub (Work) expired' }, change: { kind, reason: 'GitHub (Work) expired' } }
      : { instance: { id: 'fin_1', name: 'Alerts', status: 'active', statusReason: null }, change: { kind } },
  });

const instanceChanged = (change: { kind: 'deployed' | 'changed'; version: number } | { kind: 'deleted' }) =>
  makeEvent(14, {
    type: 'flow.instance.updated',
    provider: 'weft',
    summary: { title: `Flow Alerts ${change.kind}` },
    payload: { instance: { id: 'fin_1', name: 'Alerts', status: 'active', statusReason: null }, change },
  });

describe('notification rules, by default', () => {
  it.each([
    ['an issue assigned to me (logins are case-insensitive)', assigned],
    ['a comment mentioning me', mentioned],
    ['a deal stage change', dealStage('77')],
    ['an expired connection', connectionUpdate('expired')],
    ['a connection in error', connectionUpdate('error')],
    ['a flow paused because its connection stopped working', flowInstance('paused')],
    ['a custom webhook', custom],
    ['a failed flow run', flowFailed],
  ])('notify for %s', (_, event) => {
    expect(wantsAttention(event, defaults, context)).toBe(true);
  });

  it.each([
    ['an issue about someone else', someoneElses],
    ['an issue assigned to me, by me', makeEvent(9, { type: 'github.issues.assigned', summary: { actor: 'octocat', assignees: ['octocat'] } })],
    ['a GitHub event when I have no GitHub connection', assigned, { githubLogins: [] }],
    ['another deal property', dealAmount],
    ['a connection that became active', connectionUpdate('active')],
    ['a paused flow that resumed', flowInstance('resumed')],
    ['a Slack message (everything else is off)', slack],
  ] as [string, ReturnType<typeof makeEvent>, RuleContext?][])('stay quiet for %s', (_, event, ctx = context) => {
    expect(wantsAttention(event, defaults, ctx)).toBe(false);
  });
});

describe('a flow deployed, changed or deleted (by the user, in this browser or another)', () => {
  it.each([
    ['deployed', instanceChanged({ kind: 'deployed', version: 1 })],
    ['changed', instanceChanged({ kind: 'changed', version: 2 })],
    ['deleted', instanceChanged({ kind: 'deleted' })],
  ])('never notifies when %s, even with every other event on', (_, event) => {
    const everything = only({ 'everything-else': true });
    expect(wantsAttention(event, everything, context)).toBe(false);
    expect(wantsAttention(slack, everything, context)).toBe(true);
  });
});

describe('notification rules, changed', () => {
  it('each default rule can be turned off', () => {
    expect(wantsAttention(assigned, only({ 'github-mine': false }), context)).toBe(false);
    expect(wantsAttention(dealStage('77'), only({ 'hubspot-deal-stage': false }), context)).toBe(false);
    expect(wantsAttention(connectionUpdate('expired'), only({ 'connection-problem': false }), context)).toBe(false);
    expect(wantsAttention(flowInstance('paused'), only({ 'connection-problem': false }), context)).toBe(false);
    expect(wantsAttention(custom, only({ 'custom-webhook': false }), context)).toBe(false);
    expect(wantsAttention(flowFailed, only({ 'flow-failed': false }), context)).toBe(false);
  });

  it('a rule turned off stays off when "everything else" is on', () => {
    expect(wantsAttention(custom, only({ 'custom-webhook': false, 'everything-else': true }), context)).toBe(false);
    expect(wantsAttention(slack, only({ 'everything-else': true }), context)).toBe(true);
    expect(wantsAttention(someoneElses, only({ 'everything-else': true }), context)).toBe(true);
  });

  it('the user’s own actions and what activity leaves out never notify, even with "everything else" on', () => {
    const everything = only({ 'everything-else': true });
    expect(wantsAttention(makeEvent(9, { type: 'action.completed', summary: { title: 'You posted to #eng' } }), everything, context)).toBe(false);
    const passingTest = makeEvent(10, { type: 'connection.updated', payload: { connection: makeConnection(), change: { kind: 'tested', ok: true, changed: false } } });
    expect(wantsAttention(passingTest, everything, context)).toBe(false);
    const renamed = makeEvent(11, { type: 'connection.updated', payload: { connection: makeConnection(), change: { kind: 'renamed', from: 'Old' } } });
    expect(wantsAttention(renamed, everything, context)).toBe(true);
  });

  it('the deal owner filter lets only that owner’s deals through', () => {
    expect(wantsAttention(dealStage('77'), only({}, ' 77 '), context)).toBe(true);
    expect(wantsAttention(dealStage('12'), only({}, '77'), context)).toBe(false);
  });
});

describe('ruleFor', () => {
  it('puts every event under exactly one rule', () => {
    expect([assigned, dealStage('1'), connectionUpdate('error'), custom, slack].map((e) => ruleFor(e, context))).toEqual([
      'github-mine',
      'hubspot-deal-stage',
      'connection-problem',
      'custom-webhook',
      'everything-else',
    ]);
  });
});

describe('withDefaults', () => {
  it('fills rules the stored settings do not know yet', () => {
    expect(withDefaults({ enabled: { 'custom-webhook': false } as never })).toEqual({
      enabled: { ...defaultNotificationSettings.enabled, 'custom-webhook': false },
      dealOwnerId: '',
    });
  });
});
