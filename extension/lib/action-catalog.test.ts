import { describe, expect, it } from 'vitest';
import { postedMessageSchema } from '@@/shared/providers/actions/slack-results';
import { actionOutput } from './action-catalog';

describe('actionOutput', () => {
  it('finds a catalog action’s output schema, and nothing for unknown or inherited names', () => {
    expect(actionOutput('slack', 'post_message')).toBe(postedMessageSchema);
    expect(actionOutput('slack', 'launch_rockets')).toBeUndefined();
    expect(actionOutput('slack', 'constructor')).toBeUndefined();
    expect(actionOutput('__proto__', 'post_message')).toBeUndefined();
  });
});
