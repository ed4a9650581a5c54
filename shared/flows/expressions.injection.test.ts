import { afterAll, describe, expect, it } from 'vitest';
import { ExpressionError, renderTemplate, type FlowScope } from './expressions';

// Known template-injection payloads from other engines (prototype walks, the Handlebars
// and Angular sandbox escapes, Jinja's __class__ walk, Liquid / n8n / JS template
// syntax) rendered as step input. An escape would be: a JavaScript function or host
// object in the output, a changed prototype, or a side effect on the process. Each
// payload must instead give a clear ExpressionError, or be inert text / plain data.

type Outcome = 'error' | 'inert' | 'data';
const corpus: [payload: string, outcome: Outcome][] = [
  // Prototype walks
  ['{{ __proto__ }}', 'error'],
  ['{{ config.__proto__ }}', 'error'],
  ['{{ config["__proto__"] }}', 'error'],
  // The payload's own "__proto__" key (JSON.parse makes one): data, not the prototype
  ['{{ trigger.__proto__ }}', 'data'],
  ['{{ trigger["__proto__"]["polluted"] }}', 'data'],
  ['{{ trigger.constructor }}', 'error'],
  ['{{ trigger["constructor"]["prototype"] }}', 'error'],
  ['{{ trigger.constructor.constructor("return process")() }}', 'error'],
  ['{{ "".constructor.constructor("return process")() }}', 'error'],
  ['{{ [].constructor }}', 'error'],
  ['{{ {}.constructor }}', 'error'],
  ['{{ trigger.toString }}', 'error'],
  ['{{ trigger.hasOwnProperty("x") }}', 'error'],
  ['{{ trigger.valueOf() }}', 'error'],
  ['{{ config["__defineGetter__"] }}', 'error'],
  ['{{ steps.prototype }}', 'error'],
  ['{{ dyn(trigger).constructor }}', 'error'],
  ['{{ this }}', 'error'],
  ['{{ this.constructor.constructor("return process")() }}', 'error'],
  // Host globals
  ['{{ process.env }}', 'error'],
  ['{{ process.mainModule.require("child_process").execSync("id") }}', 'error'],
  ['{{ globalThis.process }}', 'error'],
  ['{{ global }}', 'error'],
  ['{{ window.location }}', 'error'],
  ['{{ require("fs") }}', 'error'],
  ['{{ import("fs") }}', 'error'],
  ['{{ eval("1+1") }}', 'error'],
  ['{{ Function("return this")() }}', 'error'],
  ['{{ new Function("return 1") }}', 'error'],
  ['{{ "\\u0070rocess" }}', 'data'], // spelled with an escape it is only the text "process"
  // Angular / Vue sandbox escapes
  ["{{ constructor.constructor('alert(1)')() }}", 'error'],
  ["{{ toString.constructor.prototype.toString=toString.constructor.prototype.call }}", 'error'],
  ["{{ _c.constructor('alert(1)')() }}", 'error'],
  ["{{ $on.constructor('alert(1)')() }}", 'error'],
  // Handlebars
  ['{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{/with}}{{/with}}{{/with}}', 'error'],
  ['{{lookup . "constructor"}}', 'error'],
  ['{{{ trigger }}}', 'error'],
  ['{{> partial }}', 'error'],
  // Jinja / Twig / Nunjucks
  ["{{ ''.__class__.__mro__[1].__subclasses__() }}", 'error'],
  ['{{ config.items() }}', 'error'],
  ['{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}', 'error'],
  ["{{ range.constructor(\"return global.process.mainModule.require('child_process').execSync('id')\")() }}", 'error'],
  ['{{ _self.env.registerUndefinedFilterCallback("exec") }}', 'error'],
  ['{{ 7*7 }}', 'data'], // CEL arithmetic: harmless
  // Liquid
  ["{{ 'x' | append: 'y' }}", 'error'],
  ['{% assign x = "y" %}{{ x }}', 'error'],
  ['{% raw %}{{ trigger }}{% endraw %}', 'data'],
  ['{%- include "/etc/passwd" -%}', 'inert'],
  // n8n
  ['{{ $json.body }}', 'error'],
  ["{{ $('Webhook').item.json }}", 'error'],
  ['{{ $env.SECRET }}', 'error'],
  ['{{ $execution.id }}', 'error'],
  ['{{ $node["HTTP"].json }}', 'error'],
  // JavaScript template literals and other engines: no {{ }}, so plain text
  ['${process.env.SECRET}', 'inert'],
  ['${7*7}', 'inert'],
  ['{{ `${process}` }}', 'error'],
  ['<%= system("id") %>', 'inert'],
  ['#set($x = 1)$x', 'inert'],
  ['<#assign ex="freemarker.template.utility.Execute"?new()>${ ex("id") }', 'inert'],
  ['@(1+2)', 'inert'],
  // Nesting and size
  ['{{ {{ trigger }} }}', 'error'],
  ['{{ trigger' + '.a'.repeat(1500) + ' }}', 'error'],
  ['{{ ' + '['.repeat(300) + ']'.repeat(300) + ' }}', 'error'],
  ['{{ ' + '!'.repeat(1000) + 'true }}', 'error'],
  ['{{ ' + '-'.repeat(1000) + '1 }}', 'error'],
  ['{{ ' + 'cel.bind(x, 1, '.repeat(100) + 'x' + ')'.repeat(100) + ' }}', 'error'],
  ['{{ trigger.list.map(a, trigger.list.map(b, trigger.list.map(c, a))) }}', 'error'],
  ['{{x}}'.repeat(500), 'error'],
  ['{{ "' + 'a'.repeat(5000) + '" }}', 'error'],
];

const scope: FlowScope = {
  trigger: { ...JSON.parse('{"__proto__": {"polluted": "yes"}}'), list: Array.from({ length: 100 }, (_, i) => i) },
  config: {},
  steps: {},
};

const prototypes = [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype, BigInt.prototype, Map.prototype];
const before = prototypes.map((p) => Object.getOwnPropertyNames(p).join());
const globalsBefore = Object.getOwnPropertyNames(globalThis).length;
const results: { payload: string; outcome: Outcome | 'escape'; detail: string }[] = [];

function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}

function classify(payload: string): { outcome: Outcome | 'escape'; detail: string } {
  let value: unknown;
  try {
    value = renderTemplate({ text: payload }, scope);
  } catch (error) {
    if (!(error instanceof ExpressionError)) return { outcome: 'escape', detail: `a ${String((error as Error).name)} escaped: ${String(error)}` };
    if (!error.message.trim() || !error.message.includes('`')) return { outcome: 'escape', detail: `unclear message: ${error.message}` };
    return { outcome: 'error', detail: error.message };
  }
  if (!isPlainData(value)) return { outcome: 'escape', detail: 'the output holds something other than plain data' };
  const text = (value as { text: unknown }).text;
  return text === payload ? { outcome: 'inert', detail: 'unchanged text' } : { outcome: 'data', detail: JSON.stringify(text).slice(0, 80) };
}

describe('template-injection corpus', () => {
  afterAll(() => {
    const escapes = results.filter((r) => r.outcome === 'escape').length;
    console.info(`template-injection corpus: ${results.length} payloads, ${escapes} escapes`);
  });

  it.each(corpus.map(([payload, outcome]) => ({ payload, outcome, label: payload.slice(0, 70) })))('$label → $outcome', ({ payload, outcome }) => {
    const result = classify(payload);
    results.push({ payload, ...result });
    expect(result.outcome, result.detail).toBe(outcome);
  });

  it('left every prototype and the global object as they were', () => {
    expect(prototypes.map((p) => Object.getOwnPropertyNames(p).join())).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(globalThis).length).toBe(globalsBefore);
  });

  it('keeps a __proto__ key in step input as data, not as the output object`s prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "{{ 1 + 1 }}"}}');
    const output = renderTemplate(input, scope) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(output, '__proto__')?.value).toEqual({ polluted: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
