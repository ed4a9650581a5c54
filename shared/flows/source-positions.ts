import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { DocPath } from './walk-document';

// Line and column (1-based) of a place in the document's text, for errors found after the
// text was read (schema, references). JSON is YAML 1.2, so one YAML parse of the text
// gives the source range of every node for both formats.

export type Position = { line?: number; column?: number };

export class SourcePositions {
  readonly #lineCounter = new LineCounter();
  #document: Document | undefined;

  constructor(private readonly text: string) {}

  /** The text read as YAML (parsed once, on first use). */
  get document(): Document {
    return (this.#document ??= parseDocument(this.text, { lineCounter: this.#lineCounter, prettyErrors: false, uniqueKeys: true }));
  }

  /** Where `offset` (in UTF-16 units of the text) is. */
  at(offset: number): Position {
    void this.document; // the parse fills the line counter
    const { line, col } = this.#lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * The deepest node on `path` the text has: a missing field points at the map that lacks
   * it. With `offset`, the place that far into the string at `path`, when the text holds
   * the string as written (plain, or quoted without escapes, on one line).
   */
  of(path: DocPath, offset?: number): Position {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.document.contents : this.document.getIn(path.slice(0, n), true);
      if (!isNode(node) || !node.range) continue;
      if (offset !== undefined && n === path.length && isScalar(node) && typeof node.value === 'string') {
        const raw = this.text.slice(node.range[0], node.range[1]);
        const quote = raw === node.value ? 0 : raw === `'${node.value}'` || raw === `"${node.value}"` ? 1 : undefined;
        if (quote !== undefined && !node.value.includes('\n')) return this.at(node.range[0] + quote + offset);
      }
      return this.at(node.range[0]);
    }
    return {};
  }

  /** Where the key of the field at `path` is written (for a field that should not be there). */
  ofKey(path: DocPath): Position {
    const parent = path.length > 1 ? this.document.getIn(path.slice(0, -1), true) : this.document.contents;
    const name = path.at(-1);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === name);
      if (pair && isNode(pair.key) && pair.key.range) return this.at(pair.key.range[0]);
    }
    return this.of(path);
  }
}
