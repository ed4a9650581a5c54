import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition, ExpressionError, renderTemplate, unchanging, type FlowScope } from './expressions';

const scope: FlowScope = {
  trigger: { issue: { title: 'Crash on save', number: 42, score: 4.5, labels: [{ name: 'bug' }, { name: 'urgent' }], assignee: null } },
  event: { id: 7, type: 'github.issues.opened', receivedAt: '2026-01-01T00:00:00.000Z' },
  config: { channel: 'C0123456', threshold: 3 },
  steps: { notify: { ts: '1700000000.000100' }, 'fetch-issue': { ok: true } },
};

function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

describe('evaluate', () => {
  it('reads the scope and gives JSON numbers, not BigInt', () => {
    expect(evaluate('trigger.issue.number + 1', scope)).toBe(43);
    expect(evaluate('size(trigger.issue.labels)', scope)).toBe(2);
    expect(evaluate('trigger.issue.score * 2.0', scope)).toBe(9);
    expect(evaluate('event.type', scope)).toBe('github.issues.opened');
    expect(evaluate('steps["fetch-issue"].ok', scope)).toBe(true);
    expect(evaluate('trigger.issue.labels.map(l, l.name)', scope)).toEqual(['bug', 'urgent']);
  });

  it('gives integers beyond 2^53 as their digits rather than a changed number', () => {
    expect(evaluate('9007199254740993', scope)).toBe('9007199254740993');
    expect(evaluate('-5', scope)).toBe(-5);
  });

  it('converts timestamps, durations, bytes and maps to JSON values', () => {
    expect(evaluate('timestamp(event.receivedAt)', scope)).toBe('2026-01-01T00:00:00.000Z');
    expect(evaluate('duration("90m")', scope)).toBe('5400s');
    expect(evaluate('b"hi"', scope)).toBe('aGk=');
    expect(evaluate('{"a": 1, "b": [true, null]}', scope)).toEqual({ a: 1, b: [true, null] });
  });

  it('names the expression and suggests a fix when a field is missing', () => {
    const error = errorOf(() => evaluate('trigger.issue.titel', scope));
    expect(error.expression).toBe('trigger.issue.titel');
    expect(error.message).toContain('`trigger.issue.titel`');
    expect(error.message).toContain('No such key: titel');
    expect(error.message).toContain('has(');
  });

  it('explains a syntax error and an unknown name', () => {
    expect(errorOf(() => evaluate('trigger.issue.title +', scope)).message).toMatch(/`trigger\.issue\.title \+`: Unexpected token/);
    expect(errorOf(() => evaluate('issue.title', scope)).message).toMatch(/Unknown variable: issue \(an expression can read trigger, event/);
    expect(errorOf(() => evaluate('{{ trigger.issue.title }}', scope)).message).toContain('without {{ }}');
  });

  it('passes on what went wrong inside a function, such as a bad time zone or index', () => {
    expect(errorOf(() => evaluate('timestamp(event.receivedAt).getHours("Nowhere/Zone")', scope)).message).toMatch(/^`timestamp\(event\.receivedAt\)\.getHours\("Nowhere\/Zone"\)`: .*time ?zone/i);
    expect(errorOf(() => evaluate('trigger.issue.labels[5]', scope)).message).toBe('`trigger.issue.labels[5]`: No such key: index out of bounds, index 5 >= size 2');
  });

  it('keeps a cached expression independent of the scope it first ran with', () => {
    expect(evaluate('trigger.x', { ...scope, trigger: { x: 'a' } })).toBe('a');
    expect(evaluate('trigger.x', { ...scope, trigger: { x: [1] } })).toEqual([1]);
  });
});

describe('evaluateCondition', () => {
  it('is true or false', () => {
    expect(evaluateCondition('trigger.issue.labels.exists(l, l.name == "urgent")', scope)).toBe(true);
    expect(evaluateCondition('trigger.issue.number < config.threshold', scope)).toBe(false);
    expect(evaluateCondition('has(trigger.issue.milestone)', scope)).toBe(false);
  });

  it('refuses a result that is not a boolean instead of treating it as truthy', () => {
    expect(errorOf(() => evaluateCondition('trigger.issue.title', scope)).message).toBe('`trigger.issue.title` must give true or false, but gave the text "Crash on save".');
    expect(errorOf(() => evaluateCondition('trigger.issue.assignee', scope)).message).toContain('but gave null');
  });
});

describe('renderTemplate', () => {
  it('renders the issue example: text templates and a sole template keeping its type', () => {
    const input = {
      channel: '{{config.channel}}',
      text: 'New urgent bug: {{trigger.issue.title}} (#{{ trigger.issue.number }})',
      number: '{{ trigger.issue.number }}',
      labels: '{{ trigger.issue.labels.map(l, l.name) }}',
      nested: [{ assignee: 'by {{ trigger.issue.assignee }}!', list: 'labels: {{ trigger.issue.labels.map(l, l.name) }}' }],
      plain: 12,
      flag: false,
    };
    expect(renderTemplate(input, scope)).toEqual({
      channel: 'C0123456',
      text: 'New urgent bug: Crash on save (#42)',
      number: 42,
      labels: ['bug', 'urgent'],
      nested: [{ assignee: 'by !', list: 'labels: ["bug","urgent"]' }],
      plain: 12,
      flag: false,
    });
  });

  it('finds the end of a template past braces and }} inside the expression', () => {
    expect(renderTemplate('{{ {"a": {"b": 1}} }}', scope)).toEqual({ a: { b: 1 } });
    expect(renderTemplate('x{{ "}}" }}y', scope)).toBe('x}}y');
    expect(renderTemplate('{{ "{{" }} literal', scope)).toBe('{{ literal');
    expect(renderTemplate('{{ item }}-{{ index }}', { ...scope, item: 'a', index: 3 })).toBe('a-3');
  });

  it('refuses an unclosed or empty template with the place it starts', () => {
    expect(errorOf(() => renderTemplate('Hi {{ trigger.issue.title', scope)).message).toBe('A {{ is never closed with }}. In: `{{ trigger.issue.title`');
    expect(errorOf(() => renderTemplate('Hi {{ }}', scope)).message).toContain('An empty {{ }} template');
  });

  it('enforces the limits on templates per string and rendered size', () => {
    expect(errorOf(() => renderTemplate('{{1}}'.repeat(101), scope)).message).toContain('More than 100 {{ }} templates');
    const big = { ...scope, trigger: { s: 'x'.repeat(300_000) } };
    expect(errorOf(() => renderTemplate(Array.from({ length: 8 }, () => '{{ trigger.s }}').join(' '), big)).message).toContain('larger than 2000000');
  });
});

describe('cost and size limits', () => {
  const ten = '[1,2,3,4,5,6,7,8,9,10]';
  it('stops nested comprehensions by counting steps, even when || would absorb the error', () => {
    const nested = `${ten}.map(a, ${ten}.map(b, ${ten}.map(c, ${ten}.map(d, ${ten}.map(e, a * b)))))`;
    const started = performance.now();
    expect(errorOf(() => evaluate(nested, scope)).message).toContain('was stopped: it takes more than 100000 evaluation steps');
    expect(errorOf(() => evaluate(`size(${nested}) > 0 || true`, scope)).message).toContain('was stopped');
    expect(errorOf(() => evaluate(`${ten}.exists(a, size(${ten}.map(b, ${ten}.map(c, ${ten}.map(d, ${ten}.map(e, 1))))) > 99)`, scope)).message).toContain('was stopped');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops a loop of few steps that each cost as much as the data is large, by the clock', () => {
    const big = { ...scope, trigger: { list: Array.from({ length: 50_000 }, (_, i) => i) } };
    const started = performance.now();
    expect(errorOf(() => evaluate('size(trigger.list.filter(x, x in trigger.list))', big)).message).toContain('was stopped: it takes more than 250 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops a string or list doubled with cel.bind', () => {
    const doubling = (seed: string) => `cel.bind(a, ${seed}, cel.bind(b, a+a+a+a+a+a+a+a+a+a, cel.bind(c, b+b+b+b+b+b+b+b+b+b, cel.bind(d, c+c+c+c+c+c+c+c+c+c, cel.bind(e, d+d+d+d+d+d+d+d+d+d, e+e+e+e+e+e+e+e+e+e)))))`;
    expect(errorOf(() => evaluate(doubling('"' + 'x'.repeat(50) + '"'), scope)).message).toContain('builds a value larger than 1000000');
    expect(errorOf(() => evaluate(doubling(`[${'1,'.repeat(49)}1]`), scope)).message).toContain('builds a value larger than 1000000');
  });

  it('refuses an output that would only be large once copied out of CEL', () => {
    const ten = (name: string) => `[${Array.from({ length: 10 }, () => name).join(',')}]`;
    const shared = `cel.bind(a, ${ten('trigger.s')}, cel.bind(b, ${ten('a')}, cel.bind(c, ${ten('b')}, ${ten('c')})))`;
    expect(errorOf(() => evaluate(shared, { ...scope, trigger: { s: 'x'.repeat(1000) } })).message).toContain('larger than 2000000 characters');
  });

  it('refuses long and deeply nested expressions, and matches()', () => {
    expect(errorOf(() => evaluate('trigger' + '.a'.repeat(1500), scope)).message).toContain('longer than 2000 characters');
    expect(errorOf(() => evaluate('('.repeat(100) + '1' + ')'.repeat(100), scope)).message).toMatch(/depth|nest/i);
    expect(errorOf(() => evaluate(Array.from({ length: 600 }, () => '1').join('+'), scope)).message).toMatch(/AST nodes|nodes/i);
    expect(errorOf(() => evaluate('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("^(a+)+$")', scope)).message).toContain('matches() is not available');
  });

  it('refuses scope data nested deeper than the limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(errorOf(() => evaluate('trigger', { ...scope, trigger: deep })).message).toContain('nested more than 64 levels');
  });
});

describe('unchanging (a run\'s trigger payload, the same for each of its steps)', () => {
  it('freezes the value all the way down and gives the same answers on every evaluation', () => {
    const trigger = unchanging({ issue: { title: 'Crash on save', number: 42, labels: [{ name: 'urgent' }] } });
    expect(Object.isFrozen(trigger.issue.labels[0])).toBe(true);
    expect(() => ((trigger.issue as { title: string }).title = 'changed')).toThrow(TypeError);
    const s = { ...scope, trigger };
    for (let i = 0; i < 3; i++) {
      expect(renderTemplate('#{{trigger.issue.number}} {{trigger.issue.title}}', s)).toBe('#42 Crash on save');
      expect(evaluateCondition('trigger.issue.labels.exists(l, l.name == "urgent")', s)).toBe(true);
    }
    // Another value in the same place is read as itself.
    expect(renderTemplate('{{trigger.issue.title}}', { ...scope, trigger: unchanging({ issue: { title: 'Other' } }) })).toBe('Other');
  });

  it('still refuses data nested deeper than the limit, every time', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const trigger = unchanging(deep);
    for (let i = 0; i < 2; i++) expect(errorOf(() => evaluate('trigger', { ...scope, trigger })).message).toContain('nested more than 64 levels');
  });
});
