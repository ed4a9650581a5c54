import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';

/**
 * The YAML text after a form edit, with the edit written into the text as it stands, so
 * its comments, key order, quoting and blank lines survive: what changed from `before` to
 * `after` (the document before and after the edit) is applied to the nodes of the parsed
 * text (`yaml`'s Document), a changed value in place, a removed list item without touching
 * its neighbours, a moved one with its comments. Undefined when the text cannot take the
 * edit as written (an anchor, alias or merge key where the edit lands): the caller then
 * writes the whole document out again.
 *
 * @example patchYaml('name: A # ours\n', { name: 'A' }, { name: 'B' }) // 'name: B # ours\n'
 */
export function patchYaml(text: string, before: unknown, after: unknown): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !doc.contents) return undefined;
  try {
    doc.contents = patchNode(doc, doc.contents, before, after) as typeof doc.contents;
  } catch (error) {
    if (error instanceof Unmappable) return undefined;
    throw error;
  }
  // As toYaml writes: no anchors made for repeated values, long lines not folded.
  return doc.toString({ lineWidth: 0 });
}

class Unmappable extends Error {}

/** The node that holds `after` where `node` held `before`: the same node changed in place when it can be. */
function patchNode(doc: Document, node: unknown, before: unknown, after: unknown): unknown {
  if (same(before, after)) return node;
  if (isAlias(node)) throw new Unmappable('an alias stands where the edit lands');
  if (isRecord(before) && isRecord(after)) {
    if (!isMap(node)) throw new Unmappable('the text is not the document');
    const pairs = node.items as Pair[];
    if (pairs.some((p) => keyOf(p) === '<<')) throw new Unmappable('a merge key');
    const pairOf = (key: string) => {
      const pair = pairs.find((p) => keyOf(p) === key);
      if (!pair) throw new Unmappable(`no "${key}" in the text`);
      return pair;
    };
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) node.items.splice(node.items.indexOf(pairOf(key)), 1);
    for (const [key, value] of Object.entries(after)) {
      if (Object.hasOwn(before, key)) {
        const pair = pairOf(key);
        pair.value = patchNode(doc, pair.value, before[key], value);
      } else {
        node.set(key, create(doc, value));
      }
    }
    return node;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (!isSeq(node) || node.items.length !== before.length) throw new Unmappable('the text is not the document');
    node.items = patchItems(doc, node.items, before, after);
    return node;
  }
  if (!isObject(after) && isScalar(node) && !isObject(before)) {
    // The scalar keeps its comment and quoting; yaml quotes it when the new text needs it.
    node.value = after;
    return node;
  }
  // A value that changed kind (a text became a list…) is written anew.
  return create(doc, after);
}

/**
 * A list's nodes after the edit. Items equal to one before keep that item's node (a removed
 * or moved item leaves its neighbours and their comments alone); an item that changed is
 * patched from the item that was at its place; a new one is created.
 */
function patchItems(doc: Document, nodes: unknown[], before: unknown[], after: unknown[]): unknown[] {
  const used = new Set<number>();
  const out: unknown[] = new Array(after.length);
  const take = (j: number, i: number) => {
    used.add(i);
    out[j] = nodes[i];
  };
  after.forEach((value, j) => {
    if (j < before.length && same(before[j], value)) take(j, j);
  });
  after.forEach((value, j) => {
    if (out[j] !== undefined) return;
    const i = before.findIndex((b, k) => !used.has(k) && same(b, value));
    if (i >= 0) take(j, i);
  });
  after.forEach((value, j) => {
    if (out[j] !== undefined) return;
    if (j < before.length && !used.has(j)) {
      used.add(j);
      out[j] = patchNode(doc, nodes[j], before[j], value);
    } else out[j] = create(doc, value);
  });
  return out;
}

function create(doc: Document, value: unknown): Node {
  return doc.createNode(value, { aliasDuplicateObjects: false });
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** Deep equality of JSON values, key order ignored. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !Array.isArray(v);
}
