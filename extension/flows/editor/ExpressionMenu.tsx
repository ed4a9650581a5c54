import { suggestionLabel } from '../suggestions';

/**
 * "Insert…": the expressions in scope for a step (the trigger's sample fields, config,
 * earlier steps), each added to the field as `{{ path }}`, or as the bare path in a field
 * that is an expression already (`if:`).
 */
export function ExpressionMenu({ suggestions, onPick, testid, bare }: { suggestions: string[]; onPick: (template: string) => void; testid: string; bare?: boolean }) {
  if (suggestions.length === 0) return null;
  return (
    <select
      class="suggest"
      aria-label="Insert an expression"
      data-testid={testid}
      value=""
      onChange={(e) => {
        const path = e.currentTarget.value;
        e.currentTarget.value = '';
        if (path) onPick(bare ? path : `{{ ${path} }}`);
      }}
    >
      <option value="">Insert…</option>
      {suggestions.map((s) => (
        <option key={s} value={s}>
          {suggestionLabel(s)}
        </option>
      ))}
    </select>
  );
}
