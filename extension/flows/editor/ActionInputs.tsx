import type { TemplateValue } from '@@/shared/flows/document';
import { fieldsOf, textOf, valueOf, type FieldSpec } from '../schema-fields';
import { actionInputSchema } from './catalog-actions';
import { ExpressionMenu } from './ExpressionMenu';
import { JsonField } from './JsonField';
import { SelectInput, TextInput } from './inputs';

type Input = Record<string, TemplateValue>;
type Props = { action: string; input: Input; suggestions: string[]; onChange: (input: Input) => void };

/** A step's input, one field per property of its catalog action's JSON Schema; unknown actions get their input as JSON. */
export function ActionInputs({ action, input, suggestions, onChange }: Props) {
  const schema = actionInputSchema(action);
  if (!schema) {
    return (
      <JsonField<Input>
        label="Input (JSON)"
        testid="step-input-json"
        value={input}
        hint={`${action} is not in this extension's catalog; its input is checked when a version is published.`}
        onChange={(v) => onChange(v ?? {})}
      />
    );
  }
  const fields = fieldsOf(schema);
  const set = (key: string, value: TemplateValue | undefined) => {
    const { [key]: _old, ...rest } = input;
    onChange(value === undefined ? rest : { ...rest, [key]: value });
  };
  if (fields.length === 0) return <p class="muted small">This action takes no input.</p>;
  return (
    <div class="stack" data-testid="step-inputs">
      {fields.map((f) => (
        <FieldFor key={f.key} spec={f} value={input[f.key]} suggestions={suggestions} onChange={(v) => set(f.key, v)} />
      ))}
    </div>
  );
}

function FieldFor({ spec, value, suggestions, onChange }: { spec: FieldSpec; value: TemplateValue | undefined; suggestions: string[]; onChange: (v: TemplateValue | undefined) => void }) {
  const label = spec.required ? `${spec.label} (required)` : spec.label;
  const text = textOf(spec, value);
  const testid = `step-input-${spec.key}`;
  // A choice or yes/no set to an expression is shown as text, so the expression stays visible and editable.
  const asChoice = (spec.kind === 'choice' || spec.kind === 'boolean') && (text === '' || (spec.options ?? ['true', 'false']).includes(text));
  if (asChoice) {
    const options = spec.kind === 'boolean' ? ['true', 'false'] : spec.options!;
    return <SelectInput label={label} testid={testid} value={text} hint={spec.hint} options={[{ value: '', label: '(not set)' }, ...options.map((o) => ({ value: o, label: o }))]} onChange={(v) => onChange(valueOf(spec, v))} />;
  }
  const rewritten = spec.kind === 'list' || spec.kind === 'json';
  return (
    <TextInput
      label={label}
      testid={testid}
      value={text}
      hint={spec.hint ?? (spec.kind === 'list' ? 'One per line.' : spec.kind === 'json' ? 'As JSON, or one {{ expression }}.' : undefined)}
      multiline={spec.kind === 'long-text' || rewritten}
      mono={spec.kind === 'json'}
      onLeave={rewritten}
      onInput={(t) => onChange(valueOf(spec, t))}
      after={<ExpressionMenu testid={`${testid}-insert`} suggestions={suggestions} onPick={(template) => onChange(valueOf(spec, spec.kind === 'list' ? `${text}\n${template}` : `${text}${template}`))} />}
    />
  );
}
