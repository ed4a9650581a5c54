import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patchYaml } from './yaml-patch';

/** Applies `edit` to the document the text holds, as the form does, and patches the text with it. */
function edited(text: string, edit: (doc: any) => void): string | undefined {
  const before = parse(text);
  const after = structuredClone(before);
  edit(after);
  return patchYaml(text, before, after);
}

const steps = `steps:
  # Tell the channel first.
  - id: notify # the loud one
    delay: 1m
  # Then wait.
  - id: wait
    delay: '5m'
  # Last: the follow-up.
  - id: follow
    delay: 1h
`;

describe('patchYaml', () => {
  it('changes a value in place: its comment and quoting stay, and yaml quotes what needs it', () => {
    expect(edited(steps, (d) => (d.steps[1].delay = '10m'))).toBe(steps.replace("delay: '5m'", "delay: '10m'"));
    expect(edited(steps, (d) => (d.steps[0].delay = 'a: b'))).toBe(steps.replace('delay: 1m', 'delay: "a: b"'));
  });

  it('removes a list item without touching its neighbours’ comments, and moves one with its own', () => {
    expect(edited(steps, (d) => d.steps.splice(1, 1))).toBe(`steps:
  # Tell the channel first.
  - id: notify # the loud one
    delay: 1m
  # Last: the follow-up.
  - id: follow
    delay: 1h
`);
    expect(edited(steps, (d) => ([d.steps[1], d.steps[2]] = [d.steps[2], d.steps[1]]))).toBe(`steps:
  # Tell the channel first.
  - id: notify # the loud one
    delay: 1m
  # Last: the follow-up.
  - id: follow
    delay: 1h
  # Then wait.
  - id: wait
    delay: '5m'
`);
  });

  it('adds keys and items after what is there, and deletes a key with its value', () => {
    expect(edited(steps, (d) => {
      d.steps[2].name = 'Follow up';
      delete d.steps[0].delay;
      d.steps[0].branch = [{ steps: [] }];
      d.steps.push({ id: 'last', delay: '1d' });
    })).toBe(`steps:
  # Tell the channel first.
  - id: notify # the loud one
    branch:
      - steps: []
  # Then wait.
  - id: wait
    delay: '5m'
  # Last: the follow-up.
  - id: follow
    delay: 1h
    name: Follow up
  - id: last
    delay: 1d
`);
  });

  it('gives up where an alias or a merge key stands in the edit’s way, and not elsewhere', () => {
    const aliased = `defaults: &d { delay: 1m }\nsteps:\n  - *d\n  - { id: b, delay: 2m } # b\n`;
    expect(edited(aliased, (d) => (d.steps[0].delay = '3m'))).toBeUndefined();
    expect(edited(aliased, (d) => (d.steps[1].delay = '3m'))).toBe(aliased.replace('delay: 2m', 'delay: 3m'));
    expect(patchYaml('a: [1\n', { a: [1] }, { a: [2] })).toBeUndefined();
  });
});
