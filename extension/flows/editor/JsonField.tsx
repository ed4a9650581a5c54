import { useState } from 'preact/hooks';
import { TextInput } from './inputs';

type Props<T> = { label: string; testid: string; value: T | undefined; hint?: string; onChange: (v: T | undefined) => void };

/** A value written as JSON (headers, a body, an unknown action's input); text that is not JSON is not taken, and the field says so. */
export function JsonField<T>({ label, testid, value, hint, onChange }: Props<T>) {
  const [error, setError] = useState<string | null>(null);
  return (
    <TextInput
      label={label}
      testid={testid}
      multiline
      mono
      onLeave
      value={value === undefined ? '' : JSON.stringify(value, null, 2)}
      hint={error ?? hint}
      onInput={(text) => {
        if (text.trim() === '') {
          setError(null);
          return onChange(undefined);
        }
        try {
          onChange(JSON.parse(text) as T);
          setError(null);
        } catch {
          // The document keeps its last good value; the field says why the text was not taken.
          setError('Not JSON: this text was not kept. Fix it here, or write it in the YAML view.');
        }
      }}
    />
  );
}
