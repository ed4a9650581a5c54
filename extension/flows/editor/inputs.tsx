import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * The editor's controls: a label over one input, text area or select. Values are the
 * document's own text; the parent turns them into the document's value.
 */
type Base = { label: string; testid: string; hint?: ComponentChildren; after?: ComponentChildren };

type TextProps = Base & {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  /**
   * Hands the text over when the field is left, not on each key: for values the document
   * rewrites (a list drops its empty last line, JSON is re-indented), which would move
   * the text under the cursor while the user types.
   */
  onLeave?: boolean;
  /** The id of a `datalist` of suggestions. */
  list?: string;
};

export function TextInput({ label, testid, hint, after, value, onInput, placeholder, multiline, mono, onLeave, list }: TextProps) {
  const id = useId();
  const props = {
    id,
    class: mono ? 'code' : undefined,
    placeholder,
    spellcheck: false,
    'data-testid': testid,
    ...(onLeave
      ? // Keyed by the value: a change from elsewhere (an inserted expression) shows.
        { key: value, defaultValue: value, onChange: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value) }
      : { value, onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value) }),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="field-row">
        {multiline ? <textarea rows={3} {...props} /> : <input type="text" list={list} {...props} />}
        {after}
      </div>
      {hint && <div class="hint">{hint}</div>}
    </div>
  );
}

export function SelectInput({ label, testid, hint, value, onChange, options }: Base & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} data-testid={testid} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <div class="hint">{hint}</div>}
    </div>
  );
}

/** Text for an optional field: '' is "not set", so the key is left out of the document. */
export const orUndefined = (v: string): string | undefined => (v.trim() === '' ? undefined : v);
