import type { TemplateValue } from './document';
import { compile, CostLimitError, EXPRESSION_LIMITS, SCOPE_VARIABLES, UnavailableFunctionError } from './cel-environment';
import { fromCel, toCel, ValueLimitError, type OutputBudget } from './cel-values';
import { soleExpression, templateParts, TemplateSyntaxError } from './template-parts';

// Expressions in flows: CEL for `if:` conditions and inside `{{ }}` templates. Pure: the
// server's runner and the extension's editor both call these. Every failure is an
// ExpressionError naming the expression, in words a flow's author can act on.

export { EXPRESSION_LIMITS } from './cel-environment';

/** What an expression can read. */
export type FlowScope = {
  /** The event payload, the webhook body, the manual input, or the schedule's time. */
  trigger: unknown;
  event?: { id: number; type: string; receivedAt: string };
  /** The instance's config values, by key. */
  config: Record<string, unknown>;
  /** Outputs of the steps that ran before, by step id. */
  steps: Record<string, unknown>;
  /** Inside a forEach: the current item and its position. */
  item?: unknown;
  index?: number;
};

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    /** Where in a template string the problem is (the offset of its `{{`), when known. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** The value of one CEL expression (ints come back as numbers, timestamps as ISO text). */
export function evaluate(expr: string, scope: FlowScope): unknown {
  return evaluateIn(expr, celScope(scope, [expr]), newBudget());
}

/** A condition (`if:`): must give true or false; anything else is an error, not "falsy". */
export function evaluateCondition(expr: string, scope: FlowScope): boolean {
  const value = evaluate(expr, scope);
  if (typeof value !== 'boolean') {
    throw new ExpressionError(`${quote(expr)} must give true or false, but gave ${describe(value)}.`, expr);
  }
  return value;
}

/**
 * Renders a step's input: every string is a template. A string that is exactly one
 * `{{ expr }}` becomes the expression's value (a list stays a list); in any other string
 * each `{{ expr }}` is replaced by its value as text (null as nothing, lists and maps as JSON).
 */
export function renderTemplate(value: TemplateValue, scope: FlowScope): unknown {
  const expressions: string[] = [];
  collect(value, expressions, 0);
  const context = celScope(scope, expressions);
  const budget = newBudget();
  return render(value, context, budget, 0);
}

/** Throws ExpressionError unless `expr` parses and only uses names in scope (no evaluation). */
export function checkExpression(expr: string): void {
  compileOrThrow(expr);
}

/** The expressions of the `{{ }}` templates in a string; ExpressionError when malformed. */
export function templateExpressions(text: string): string[] {
  return templateSpans(text).map((p) => p.expression);
}

/** The `{{ }}` templates of a string with the offset of each `{{`; ExpressionError (with its offset) when malformed. */
export function templateSpans(text: string): { expression: string; start: number }[] {
  return partsOrThrow(text).flatMap((p) => ('expression' in p ? [p] : []));
}

function render(value: TemplateValue, context: Record<string, unknown>, budget: OutputBudget, depth: number): unknown {
  if (depth > EXPRESSION_LIMITS.dataDepth) throw new ExpressionError(`The input is nested more than ${EXPRESSION_LIMITS.dataDepth} levels deep.`, '');
  if (typeof value === 'string') return renderString(value, context, budget);
  if (Array.isArray(value)) return value.map((v) => render(v, context, budget, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: render(field, context, budget, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function renderString(text: string, context: Record<string, unknown>, budget: OutputBudget): unknown {
  const parts = partsOrThrow(text);
  const sole = soleExpression(parts);
  if (sole !== undefined) return evaluateIn(sole, context, budget);
  let out = '';
  for (const part of parts) {
    out += 'text' in part ? part.text : asText(evaluateIn(part.expression, context, budget));
  }
  budget.chars += out.length;
  if (budget.chars > budget.max) throw new ExpressionError(`The rendered input is larger than ${budget.max} characters.`, text.slice(0, 200));
  return out;
}

function evaluateIn(expr: string, context: Record<string, unknown>, budget: OutputBudget): unknown {
  const compiled = compileOrThrow(expr);
  try {
    return fromCel(compiled.run(context), budget);
  } catch (error) {
    throw explain(error, expr);
  }
}

function compileOrThrow(expr: string) {
  const bare = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(expr);
  if (bare) throw new ExpressionError(`${quote(expr)}: write the expression without {{ }} here (it is already an expression).`, expr);
  try {
    return compile(expr);
  } catch (error) {
    throw explain(error, expr);
  }
}

function partsOrThrow(text: string) {
  try {
    return templateParts(text, EXPRESSION_LIMITS.templatesPerString);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) {
      throw new ExpressionError(`${error.message} In: ${quote(text.slice(error.offset, error.offset + 80))}`, text.slice(0, 200), error.offset);
    }
    throw error;
  }
}

/** Values deep-frozen by `unchanging`, and the CEL form of each once made. */
const unchangingValues = new WeakSet<object>();
const celForms = new WeakMap<object, unknown>();

/**
 * Deep-freezes `value` and lets expressions keep its CEL form from one evaluation to the
 * next: a run's trigger payload is the same for every step of the run, and converting a
 * large one anew for each step cost more than evaluating the step's expressions.
 */
export function unchanging<T>(value: T): T {
  if (value === null || typeof value !== 'object' || unchangingValues.has(value)) return value;
  const freeze = (v: unknown) => {
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const field of Object.values(v)) freeze(field);
  };
  freeze(value);
  unchangingValues.add(value);
  return value;
}

/** `value` as CEL sees it; made once for an `unchanging` value (a conversion that throws is not kept). */
function celForm(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !unchangingValues.has(value)) return toCel(value, EXPRESSION_LIMITS.dataDepth);
  if (celForms.has(value)) return celForms.get(value);
  const form = toCel(value, EXPRESSION_LIMITS.dataDepth);
  celForms.set(value, form);
  return form;
}

/** The scope as CEL values; parts no expression mentions are left out, not copied. */
function celScope(scope: FlowScope, expressions: string[]): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  const source = expressions.join('\n');
  for (const name of SCOPE_VARIABLES) {
    const value = scope[name];
    if (value === undefined || !new RegExp(`\\b${name}\\b`).test(source)) continue;
    try {
      context[name] = celForm(value);
    } catch (error) {
      throw explain(error, source.slice(0, 200));
    }
  }
  return context;
}

function explain(error: unknown, expr: string): ExpressionError {
  if (error instanceof ExpressionError) return error;
  if (error instanceof CostLimitError) return new ExpressionError(`${quote(expr)} was stopped: ${error.message}.`, expr);
  if (error instanceof UnavailableFunctionError) return new ExpressionError(`${quote(expr)}: ${error.message}.`, expr);
  if (error instanceof ValueLimitError) return new ExpressionError(`${quote(expr)}: ${error.message}`, expr);
  if (error instanceof RangeError && /call stack/i.test(error.message)) return new ExpressionError(`${quote(expr)} is nested too deeply to evaluate.`, expr);
  const summary = (error as { summary?: string }).summary ?? (error instanceof Error ? error.message : String(error));
  return new ExpressionError(`${quote(expr)}: ${summary}${hint(summary)}`, expr);
}

function hint(summary: string): string {
  if (summary.startsWith('Unknown variable')) return ` (an expression can read ${SCOPE_VARIABLES.join(', ')}; a step id with a dash is read as steps["my-step"])`;
  if (summary.startsWith('No such key') && !summary.includes('index out of bounds')) return ' (use has(a.b) to test for a field that may be absent)';
  if (summary.startsWith('no such overload')) return ' (values of these types cannot be combined so; string(x), int(x) and double(x) convert)';
  return '';
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value === 'string' ? 'the text' : 'the ' + typeof value} ${JSON.stringify(value).slice(0, 60)}`;
}

function quote(expr: string): string {
  const oneLine = expr.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 120 ? oneLine.slice(0, 117) + '…' : oneLine}\``;
}

function newBudget(): OutputBudget {
  return { chars: 0, max: EXPRESSION_LIMITS.renderedChars };
}

function collect(value: TemplateValue, out: string[], depth: number) {
  if (depth > EXPRESSION_LIMITS.dataDepth) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, out, depth + 1));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collect(v, out, depth + 1));
}
