import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

type Props = {
  label: string;
  testid: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'search';
  error?: string | undefined;
  placeholder?: string | undefined;
  autoComplete?: string;
  autoFocus?: boolean;
  /** Help under the field (where to find a token, what a URL looks like). */
  hint?: ComponentChildren;
  /** The contract's limit (`maxLengthOf(schema)`): the input takes no more than the server accepts. */
  maxLength?: number | undefined;
  /** Announced as required; the form says so in words if it is left empty. */
  required?: boolean;
};

/** A labelled input whose error is tied to it for screen readers (`aria-describedby`). */
export function Field({ label, testid, value, onInput, type = 'text', error, placeholder, autoComplete, autoFocus, hint, maxLength, required }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The autofocus attribute only works once per document; forms here appear later.
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact 11 ties each input type to its ARIA roles; with no role set, any type is valid.
        type={type as 'text'}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-required={required ? true : undefined}
        ref={input}
        spellcheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testid}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${testid}-error`}>
          {error}
        </p>
      )}
      {hint && <div class="hint">{hint}</div>}
    </div>
  );
}
