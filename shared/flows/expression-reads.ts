import { childNodes, fieldPath } from './cel-ast';
import { compile } from './cel-environment';

// What an expression reads from its scope: each chain of fields from a variable, e.g.
// `trigger.issue.labels.exists(l, l.name == "x")` reads trigger.issue.labels (and `l.name`,
// rooted at the macro's own variable). Publish-time checks use it to find `steps.<id>`
// references and to check `trigger.` paths against a sample payload.

export type FieldRead = {
  root: string;
  path: (string | number)[];
  /** Inside has(…): the expression tests for the field, so its absence is fine. */
  guarded: boolean;
};

/** The reads of a valid expression (throws the library's error when it does not parse). */
export function fieldReads(expression: string): FieldRead[] {
  const reads: FieldRead[] = [];
  const visit = (node: Parameters<typeof fieldPath>[0], guarded: boolean) => {
    const chain = fieldPath(node);
    if (chain) {
      reads.push({ ...chain, guarded });
      return;
    }
    const isHas = node.op === 'call' && (node.args as [string, ...unknown[]])[0] === 'has';
    for (const child of childNodes(node)) visit(child, guarded || isHas);
  };
  visit(compile(expression).ast, false);
  return reads;
}
