import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapse, lineDiff, type DiffLine } from './line-diff';

const show = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

describe('lineDiff', () => {
  it('shows a changed line as removed then added, with the lines around it kept', () => {
    expect(show(lineDiff('name: A\nchannel: x\nflows: []\n', 'name: A\nchannel: y\nflows: []\n'))).toEqual([' name: A', '-channel: x', '+channel: y', ' flows: []']);
  });

  it('numbers lines in each text', () => {
    const diff = lineDiff('a\nb\nc', 'a\nx\ny\nc');
    expect(diff.map((l) => [l.oldLine, l.newLine])).toEqual([[1, 1], [2, undefined], [undefined, 2], [undefined, 3], [3, 4]]);
  });

  it('keeps the longest common run, not the first match', () => {
    expect(show(lineDiff('x\na\nb\nc', 'a\nb\nc\nx'))).toEqual(['-x', ' a', ' b', ' c', '+x']);
  });

  it('two equal texts are all kept; empty against text is all added', () => {
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.kind === 'same')).toBe(true);
    expect(show(lineDiff('', 'a\nb'))).toEqual(['+a', '+b']);
  });

  it('for any two texts: the old lines and the new lines read back in order, and nothing kept is counted twice', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = lineDiff(before, after);
        const old = diff.filter((l) => l.kind !== 'added').map((l) => l.text).join('\n');
        const now = diff.filter((l) => l.kind !== 'removed').map((l) => l.text).join('\n');
        expect(old).toBe(before);
        expect(now).toBe(after);
      }),
    );
  });

  it('collapse keeps the changed lines with their context and folds the rest into gaps', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const view = collapse(lineDiff(before, after), 2).map((l) => (l.kind === 'gap' ? `… ${l.count}` : show([l])[0]));
    expect(view).toEqual(['… 7', ' line 8', ' line 9', '-line 10', '+line ten', ' line 11', ' line 12', '… 8']);
    expect(collapse(lineDiff('a\nb', 'a\nb'), 3)).toEqual([{ kind: 'gap', count: 2 }]);
  });
});
