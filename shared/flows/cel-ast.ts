import type { ASTNode } from '@marcbachmann/cel-js';

// Walking a parsed CEL expression: used to refuse functions flows do not offer, to find
// `steps.<id>` references and the field paths read under `trigger.`.

/** Visits every node of `root`, parents before children. */
export function walkAst(root: ASTNode, visit: (node: ASTNode) => void): void {
  const stack: ASTNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    stack.push(...childNodes(node));
  }
}

/** The nodes directly below `node` (operands, call arguments, list and map entries). */
export function childNodes(node: ASTNode): ASTNode[] {
  if (node.op === 'value' || node.op === 'id') return [];
  const out: ASTNode[] = [];
  const stack: unknown[] = [node.args];
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) stack.push(...item);
    else if (isNode(item)) out.push(item);
  }
  return out;
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

/**
 * The path a chain of `.field` / `["field"]` / `[0]` reads from a variable, e.g.
 * `trigger.issue.labels[0]` → `{ root: 'trigger', path: ['issue', 'labels', 0] }`;
 * undefined when the node is not such a chain (a call, a computed index…).
 */
export function fieldPath(node: ASTNode): { root: string; path: (string | number)[] } | undefined {
  const path: (string | number)[] = [];
  let at: ASTNode = node;
  for (;;) {
    if (at.op === 'id') return { root: at.args as string, path: path.reverse() };
    if (at.op === '.' || at.op === '.?') {
      const [target, field] = at.args as [ASTNode, string];
      path.push(field);
      at = target;
    } else if (at.op === '[]' || at.op === '[?]') {
      const [target, index] = at.args as [ASTNode, ASTNode];
      if (index.op !== 'value') return undefined;
      const key = index.args as unknown;
      if (typeof key === 'string') path.push(key);
      else if (typeof key === 'bigint' || typeof key === 'number') path.push(Number(key));
      else return undefined;
      at = target;
    } else return undefined;
  }
}
