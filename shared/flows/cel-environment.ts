import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { LIMITS } from './document';
import { walkAst } from './cel-ast';

// The one CEL environment flows evaluate in, with the limits that keep an expression
// cheap. CEL itself never runs host code (no eval / Function, fields are read with
// Object.hasOwn), so the risks left are cost and size; each has a bound here:
// - text: LIMITS.expressionChars; parse: AST nodes and nesting depth;
// - evaluation steps: every node evaluated (comprehension bodies once per item) is
//   counted, so `l.map(x, l.map(y, l.map(z, …)))` stops instead of running for minutes;
// - time: a step can itself cost as much as the data is large (`x in list`, `==` on
//   lists, `s.contains(t)`), so a loop of few steps over a big payload is also stopped by
//   a deadline, checked every 256 steps; legitimate expressions take microseconds;
// - value size: a string or list built during evaluation (doubling with cel.bind) is
//   refused past EXPRESSION_LIMITS.valueChars;
// - `matches()` is not offered: JavaScript regular expressions can backtrack for hours
//   on a crafted pattern (CEL's reference implementation uses RE2, which cannot).

export const EXPRESSION_LIMITS = {
  chars: LIMITS.expressionChars,
  astNodes: 500,
  depth: 24,
  /** Nodes evaluated per expression, comprehension iterations included. */
  steps: 100_000,
  /** Wall-clock time one expression may take, in milliseconds. */
  milliseconds: 250,
  /** Characters of a string, or items of a list, built while evaluating. */
  valueChars: 1_000_000,
  templatesPerString: 100,
  /** Size of everything one render produces (characters of text, roughly, of its JSON). */
  renderedChars: 2_000_000,
  /** Nesting of the data in scope (trigger payload, step outputs). */
  dataDepth: 64,
} as const;

export const SCOPE_VARIABLES = ['trigger', 'event', 'config', 'steps', 'item', 'index'] as const;
const UNAVAILABLE_FUNCTIONS: Record<string, string> = {
  matches: 'matches() is not available in flows (a regular expression can take unbounded time); use contains, startsWith or endsWith',
};

const env = new Environment({
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: EXPRESSION_LIMITS.astNodes, maxDepth: EXPRESSION_LIMITS.depth },
});
for (const name of SCOPE_VARIABLES) env.registerVariable(name, 'dyn');

export class CostLimitError extends Error {}
/** A function CEL has but flows do not offer. */
export class UnavailableFunctionError extends Error {}

const meter = { steps: 0, deadline: 0, exceeded: undefined as string | undefined };

/**
 * Counts and size-checks every step of evaluation. The library evaluates each child node
 * through its evaluator's `run` (comprehension bodies included), so wrapping `run` on the
 * one evaluator instance of `env` meters everything; expressions.test.ts proves it stops a
 * nested comprehension and a doubling string, so a library change cannot silently undo it.
 */
function installMeter() {
  const probe = env.parse('trigger');
  let evaluator: { run(ast: ASTNode, ctx: unknown): unknown } | undefined;
  (probe.ast as unknown as { evaluate: (ev: typeof evaluator) => null }).evaluate = (ev) => ((evaluator = ev), null);
  probe({ trigger: null });
  if (!evaluator) throw new Error('cel-js changed: could not reach its evaluator to meter expressions');
  evaluator.run = function meteredRun(this: unknown, ast, ctx) {
    if (++meter.steps > EXPRESSION_LIMITS.steps) exceed(`it takes more than ${EXPRESSION_LIMITS.steps} evaluation steps`);
    if ((meter.steps & 255) === 0 && performance.now() > meter.deadline) exceed(`it takes more than ${EXPRESSION_LIMITS.milliseconds} ms`);
    const value = (ast as unknown as { evaluate(ev: unknown, ast: ASTNode, ctx: unknown): unknown }).evaluate(this, ast, ctx);
    checkSize(value);
    return value;
  };
}
installMeter();

function exceed(reason: string): never {
  // Kept as well as thrown: CEL's `||`, `&&` and exists() may absorb an error as a value.
  meter.exceeded ??= reason;
  throw new CostLimitError(reason);
}

function checkSize(value: unknown) {
  const size = typeof value === 'string' || Array.isArray(value) || value instanceof Uint8Array ? value.length : 0;
  if (size > EXPRESSION_LIMITS.valueChars) exceed(`it builds a value larger than ${EXPRESSION_LIMITS.valueChars} characters or items`);
}

export type Compiled = { ast: ASTNode; run(context: Record<string, unknown>): unknown };

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 1000;

/** Parses and type-checks `expression` (cached); throws the library's error or CostLimitError. */
export function compile(expression: string): Compiled {
  const hit = cache.get(expression);
  if (hit) return hit;
  if (expression.length > EXPRESSION_LIMITS.chars) throw new CostLimitError(`it is longer than ${EXPRESSION_LIMITS.chars} characters`);
  const parsed = env.parse(expression);
  walkAst(parsed.ast, (node) => {
    const name = node.op === 'call' || node.op === 'rcall' ? (node.args as [string, ...unknown[]])[0] : undefined;
    const why = name !== undefined && Object.hasOwn(UNAVAILABLE_FUNCTIONS, name) ? UNAVAILABLE_FUNCTIONS[name] : undefined;
    if (why) throw new UnavailableFunctionError(why);
  });
  const checked = parsed.check();
  if (!checked.valid) throw checked.error;
  const compiled: Compiled = {
    ast: parsed.ast,
    run(context) {
      meter.steps = 0;
      meter.deadline = performance.now() + EXPRESSION_LIMITS.milliseconds;
      meter.exceeded = undefined;
      const value = parsed(context);
      checkSize(value);
      if (meter.exceeded) throw new CostLimitError(meter.exceeded);
      return value;
    },
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(expression, compiled);
  return compiled;
}
