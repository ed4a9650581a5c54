import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error';
import { classify } from './classify';

describe('classify', () => {
  it.each([
    [new ApiError(0, 'unreachable', "Can't reach the Weft server."), 'retry'],
    [new ApiError(0, 'timeout', 'No answer in time.'), 'retry'],
    [new ApiError(502, 'provider_unavailable', 'Slack is down.'), 'retry'],
    [new ApiError(500, 'internal', 'Bug.'), 'retry'],
    // The provider probably acted; the server keeps this answer for the key, so resending only repeats it.
    [new ApiError(502, 'provider_bad_answer', 'GitHub answered “Create issue” in a way Weft does not understand.'), 'fail'],
    [new ApiError(429, 'rate_limited', 'Slow down.', 7), 'retry'],
    [new ApiError(409, 'conflict', 'Still running.', 2), 'retry'],
    [new ApiError(401, 'unauthorized', 'Sign in.'), 'retry'],
    [new ApiError(400, 'invalid_request', 'title: Give the issue a title.'), 'fail'],
    [new ApiError(400, 'provider_rejected', 'Slack refused: not in channel'), 'fail'],
    [new ApiError(409, 'not_connected', 'Connect GitHub first.'), 'fail'],
    [new ApiError(409, 'connection_expired', 'Reconnect GitHub from the Weft popup.'), 'fail'],
    [new ApiError(404, 'not_found', 'No such action.'), 'fail'],
    [new ApiError(422, 'invalid_request', 'Key reused.'), 'fail'],
    [new ApiError(200, 'bad_response', 'Unreadable answer.'), 'done'],
  ])('%s → %s', (err, kind) => {
    expect(classify(err).kind).toBe(kind);
  });

  it('keeps the server’s words and its Retry-After', () => {
    expect(classify(new ApiError(409, 'conflict', 'Still running.', 2))).toEqual({ kind: 'retry', reason: 'Still running.', code: 'conflict', retryAfterMs: 2000 });
    expect(classify(new ApiError(409, 'connection_expired', 'Reconnect GitHub from the Weft popup.'))).toMatchObject({ reason: 'Reconnect GitHub from the Weft popup.' });
  });

  it('a manual run refused with a 409 (a disabled instance, a flow that is not manual) fails at once; its outages are retried like an action’s', () => {
    const disabled = new ApiError(409, 'conflict', 'This instance is disabled: enable it to run its flows.');
    expect(classify(disabled, 'run')).toEqual({ kind: 'fail', reason: 'This instance is disabled: enable it to run its flows.', code: 'conflict' });
    expect(classify(disabled).kind).toBe('retry');
    expect(classify(new ApiError(0, 'unreachable', 'down'), 'run')).toMatchObject({ kind: 'retry', serverDown: true });
    expect(classify(new ApiError(503, 'database_unavailable', 'Not ready.'), 'run').kind).toBe('retry');
  });

  it('parks the queue when the server cannot be reached', () => {
    expect(classify(new ApiError(0, 'unreachable', 'down'))).toMatchObject({ serverDown: true });
  });
});
