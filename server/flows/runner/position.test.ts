import { describe, expect, it } from 'vitest';
import { flow as flowSchema, type Flow } from '../../../shared/flows/document';
import { advance, enter, positionOfKey, stepKeyAt, type Position } from './position';

const flow: Flow = flowSchema.parse({
  id: 'f', name: 'F', trigger: { type: 'manual' },
  steps: [
    { id: 'first', delay: '1s' },
    { id: 'each', forEach: { items: 'trigger.list', steps: [
      { id: 'pick', branch: [{ if: 'item > 1', steps: [{ id: 'big', delay: '1s' }] }, { steps: [] }] },
      { id: 'notify', delay: '1s' },
    ] } },
    { id: 'last', delay: '1s' },
  ],
});

/** Walks the flow as the runner would: every branch takes branch 0 unless told, forEach has `n` items. */
function walk(n: number, branchOf: (item: number) => number): string[] {
  const keys: string[] = [];
  let pos: Position | null = [{ i: 0 }];
  while (pos) {
    keys.push(stepKeyAt(flow, pos));
    const here: Position = pos;
    const key = stepKeyAt(flow, here);
    if (key === 'each') pos = n > 0 ? enter(flow, here, { i: 1, item: 0, n }) : advance(flow, here);
    else if (key.startsWith('pick')) pos = enter(flow, here, { i: 0, b: branchOf(here[0]!.item!) });
    else pos = advance(flow, here);
  }
  return keys;
}

describe('positions in a flow', () => {
  it('walks forEach items and branches in order, with item indices in the keys', () => {
    expect(walk(3, (item) => (item === 1 ? 0 : 1))).toEqual([
      'first', 'each', 'pick[0]', 'notify[0]', 'pick[1]', 'big[1]', 'notify[1]', 'pick[2]', 'notify[2]', 'last',
    ]);
  });

  it('an empty list goes straight on after the forEach', () => {
    expect(walk(0, () => 0)).toEqual(['first', 'each', 'last']);
  });

  it('finds the position of a step key again (a rerun starts there)', () => {
    const pos = positionOfKey(flow, 'big[1]', (key) => (key === 'each' ? 3 : undefined));
    expect(pos).toEqual([{ i: 1, item: 1, n: 3 }, { i: 0, b: 0 }, { i: 0 }]);
    expect(stepKeyAt(flow, pos!)).toBe('big[1]');
    expect(positionOfKey(flow, 'big[5]', () => 3)).toBeNull();
    expect(positionOfKey(flow, 'nope', () => 3)).toBeNull();
    expect(positionOfKey(flow, 'last', () => undefined)).toEqual([{ i: 2 }]);
  });
});
