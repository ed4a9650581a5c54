import type { ASTNode } from '@marcbachmann/cel-js';
import { childNodes, fieldPath } from './cel-ast';
import { compile } from './cel-environment';

// What an expression reads from its scope: each chain of fields from a variable, e.g.
// `trigger.issue.labels.exists(l, l.name == "x")` reads trigger.issue.labels and, through
// the macro's variable, trigger.issue.labels[0].name (a list's items are read as its
// first). Publish-time checks use it to find `steps.<id>` references and to check
// `trigger.` paths against a sample payload.

export type FieldRead = {
  root: string;
  path: (string | number)[];
  /** Inside has(…), or a path has() tests in the same expression: its absence is expected. */
  guarded: boolean;
};

/** Macros whose first argument names each item of the list they are called on. */
const ITEM_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

type Binding = { root: string; path: (string | number)[] };

/** The reads of a valid expression (throws the library's error when it does not parse). */
export function fieldReads(expression: string): FieldRead[] {
  const reads: FieldRead[] = [];
  const visit = (node: ASTNode, guarded: boolean, bindings: Map<string, Binding>) => {
    const chain = resolve(node, bindings);
    if (chain) {
      reads.push({ ...chain, guarded });
      return;
    }
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args as [string, ASTNode, ASTNode[]];
      const variable = args[0]?.op === 'id' ? (args[0].args as string) : undefined;
      const list = resolve(receiver, bindings);
      const bindsItem = ITEM_MACROS.has(name) && variable !== undefined;
      const bindsValue = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel' && variable !== undefined;
      if (bindsItem || bindsValue) {
        if (!bindsValue) visit(receiver, guarded, bindings);
        const value = bindsValue ? resolve(args[1]!, bindings) : list && { root: list.root, path: [...list.path, 0] };
        const inner = new Map(bindings);
        if (value) inner.set(variable, value);
        else inner.delete(variable); // the macro's variable shadows an outer one
        args.slice(1).forEach((arg, i) => visit(arg, guarded, bindsValue && i === 0 ? bindings : inner));
        return;
      }
    }
    const isHas = node.op === 'call' && (node.args as [string, ...unknown[]])[0] === 'has';
    for (const child of childNodes(node)) visit(child, guarded || isHas, bindings);
  };
  visit(compile(expression).ast, false, new Map());
  // `has(trigger.a.b) && trigger.a.b.c`: what has() tested, the rest of the expression may read.
  const tested = reads.filter((r) => r.guarded);
  return reads.map((r) => ({ ...r, guarded: r.guarded || tested.some((t) => t.root === r.root && startsWith(r.path, t.path)) }));
}

/** A field chain with macro and cel.bind variables replaced by what they stand for. */
function resolve(node: ASTNode, bindings: Map<string, Binding>): Binding | undefined {
  const chain = fieldPath(node);
  if (!chain) return undefined;
  const bound = bindings.get(chain.root);
  return bound ? { root: bound.root, path: [...bound.path, ...chain.path] } : chain;
}

function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}
