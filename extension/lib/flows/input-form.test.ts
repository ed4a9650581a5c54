import { describe, expect, it } from 'vitest';
import { initialValues, inputFields, inputFromForm } from './input-form';

const schema = {
  type: 'object',
  required: ['reason', 'severity'],
  properties: {
    reason: { type: 'string', title: 'Reason', maxLength: 80 },
    severity: { type: 'string', title: 'Severity', enum: ['low', 'high'], default: 'low' },
    notes: { type: 'string', description: 'Anything else' },
    count: { type: 'integer', title: 'Count', minimum: 1, maximum: 10 },
    ratio: { type: 'number' },
    notify: { type: 'boolean', title: 'Notify', default: true },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

describe('inputFields', () => {
  it('builds one field per property, of the kind a person can fill in', () => {
    const fields = inputFields(schema);
    expect(fields.map((f) => [f.key, f.kind, f.label, f.required])).toEqual([
      ['reason', 'text', 'Reason', true],
      ['severity', 'select', 'Severity', true],
      ['notes', 'textarea', 'Notes', false],
      ['count', 'integer', 'Count', false],
      ['ratio', 'number', 'Ratio', false],
      ['notify', 'checkbox', 'Notify', false],
      ['tags', 'json', 'Tags', false],
    ]);
    expect(fields[1]!.options).toEqual(['low', 'high']);
    expect(fields[2]!.description).toBe('Anything else');
    expect(initialValues(fields)).toMatchObject({ severity: 'low', notify: true, reason: '' });
  });

  it('has no fields for a flow without an input schema, which runs with {}', () => {
    expect(inputFields(null)).toEqual([]);
    expect(inputFromForm([], {})).toEqual({ ok: true, input: {} });
  });
});

describe('inputFromForm', () => {
  const fields = inputFields(schema);

  it('turns what was typed into the typed input, leaving out empty optional fields', () => {
    expect(inputFromForm(fields, { reason: 'Customer is blocked', severity: 'high', notes: '', count: '3', ratio: '0.5', notify: false, tags: '["a","b"]' })).toEqual({
      ok: true,
      input: { reason: 'Customer is blocked', severity: 'high', count: 3, ratio: 0.5, notify: false, tags: ['a', 'b'] },
    });
  });

  it('names each field that is wrong, in a sentence', () => {
    expect(inputFromForm(fields, { reason: ' ', severity: 'urgent', count: '2.5', ratio: 'x', tags: '[a' })).toEqual({
      ok: false,
      errors: {
        reason: 'Reason is required.',
        severity: 'Choose one of the listed values for Severity.',
        count: 'Count must be a whole number.',
        ratio: 'Ratio must be a number.',
        tags: 'Tags must be JSON, e.g. ["a", "b"] or {"key": "value"}.',
      },
    });
    expect(inputFromForm(fields, { reason: 'x'.repeat(81), severity: 'low', count: '11' })).toEqual({
      ok: false,
      errors: { reason: 'Reason is too long (80 characters at most).', count: 'Count must be at most 10.' },
    });
  });
});
