import { useLayoutEffect } from 'preact/hooks';
import type { ChoiceKind } from '@/lib/context/types';
import { background } from '../background';
import { useFresh } from './use-fresh';

type Props = { kind: ChoiceKind; label: string; testid: string; value: string; onChange: (id: string, label: string) => void };

/** A picker filled by the background (Slack channels, repositories, deal stages), cached then refreshed. */
export function ChoiceSelect({ kind, label, testid, value, onChange }: Props) {
  const choices = useFresh((refresh) => background.choices(kind, refresh), [kind]);
  const list = choices.data ?? [];
  // Pick the first choice once there are some, so the form is ready to send. A layout
  // effect runs in the same task as the render that shows the options, so no pick of the
  // person's can come between and be overridden (an after-paint effect ran up to a frame,
  // or 100 ms in a background tab, later, holding the value from before their pick).
  useLayoutEffect(() => {
    const first = list[0];
    if (!value && first) onChange(first.id, first.label);
  }, [list.length]);
  return (
    <label>
      {label}
      <select
        data-testid={testid}
        value={value}
        disabled={list.length === 0}
        onChange={(e) => {
          const id = e.currentTarget.value;
          onChange(id, list.find((c) => c.id === id)?.label ?? id);
        }}
      >
        {list.length === 0 && <option value="">{choices.refreshing ? 'Loading…' : 'None available'}</option>}
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {c.note ? `${c.label} (${c.note})` : c.label}
          </option>
        ))}
      </select>
      {choices.error && !choices.refreshing && <span class="error">{choices.error.message}</span>}
    </label>
  );
}
