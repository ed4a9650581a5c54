import { useId, useState } from 'preact/hooks';

type Props = { value: string; disabled: boolean; onSave: (ownerId: string) => void };

/** "Only deals owned by HubSpot owner id ___": saved as typed, once it is a number or empty. */
export function DealOwnerField({ value, disabled, onSave }: Props) {
  const id = useId();
  /** What the user typed; null follows the stored value. */
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  const valid = /^\d*$/.test(text.trim());

  function input(next: string) {
    setDraft(next);
    if (/^\d*$/.test(next.trim())) onSave(next.trim());
  }

  return (
    <div class="field sub-field">
      <label for={id}>Only deals owned by HubSpot owner id</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="any owner"
        value={text}
        disabled={disabled}
        spellcheck={false}
        aria-invalid={valid ? undefined : true}
        aria-describedby={`${id}-hint`}
        data-testid="rule-hubspot-deal-stage-owner"
        onInput={(e) => input(e.currentTarget.value)}
        onBlur={() => valid && setDraft(null)}
      />
      <p class={valid ? 'hint' : 'field-error'} id={`${id}-hint`} data-testid="rule-hubspot-deal-stage-owner-hint">
        {valid
          ? 'Leave empty for every deal. Your owner id is under HubSpot Settings → Users & Teams.'
          : 'An owner id is a number, like 12345678.'}
      </p>
    </div>
  );
}
