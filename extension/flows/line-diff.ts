/** One line of a diff: kept in both, only in the old text, or only in the new one. */
export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string; oldLine?: number; newLine?: number };

/** Beyond this many cells the LCS table would cost real memory (a version is ≤ 256 KB of text). */
const maxCells = 4_000_000;

/**
 * A line diff of two texts by longest common subsequence: what a reader of two versions'
 * YAML wants to see (lines removed, added, kept), in order. The common head and tail are
 * trimmed first, so two versions that differ in a few lines cost a small table; when the
 * differing middle is still too large, it is shown as all removed then all added.
 *
 * @example lineDiff('a\nb', 'a\nc') // same a, removed b, added c
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });
  out.push(...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
  for (let k = tail; k > 0; k--) {
    const i = a.length - k;
    const j = b.length - k;
    out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
  }
  return out;
}

function middle(a: string[], b: string[], offset: number): DiffLine[] {
  const removedAll = a.map((text, i): DiffLine => ({ kind: 'removed', text, oldLine: offset + i + 1 }));
  const addedAll = b.map((text, j): DiffLine => ({ kind: 'added', text, newLine: offset + j + 1 }));
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > maxCells) return [...removedAll, ...addedAll];

  // lengths[i][j]: the LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]!, oldLine: offset + i + 1, newLine: offset + j + 1 });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      out.push(removedAll[i++]!);
    } else {
      out.push(addedAll[j++]!);
    }
  }
  while (i < a.length) out.push(removedAll[i++]!);
  while (j < b.length) out.push(addedAll[j++]!);
  return out;
}

/** Lines without their breaks; a final newline does not make an empty last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A run of kept lines left out of the view: how many, and where they start in each text. */
export type DiffGap = { kind: 'gap'; count: number };

/**
 * The diff as a reader wants it: changed lines with `context` kept lines around them, and
 * each longer run of kept lines folded into a gap ("12 unchanged lines").
 *
 * @example collapse(lineDiff(a, b), 3)
 */
export function collapse(diff: DiffLine[], context: number): (DiffLine | DiffGap)[] {
  const near = new Array<boolean>(diff.length).fill(false);
  diff.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(diff.length - 1, i + context); j++) near[j] = true;
  });
  const out: (DiffLine | DiffGap)[] = [];
  for (let i = 0; i < diff.length; i++) {
    if (near[i]) {
      out.push(diff[i]!);
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === 'gap') last.count++;
    else out.push({ kind: 'gap', count: 1 });
  }
  return out;
}
