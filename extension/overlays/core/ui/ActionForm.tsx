import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ActionRequest } from '@/lib/outbox/types';
import { background } from '../background';
import { ActionState } from './ActionState';

type Props = {
  testid: string;
  title: string;
  /** The fields; `build` turns them into the request when submitted (null: not ready). */
  children: ComponentChildren;
  build: () => ActionRequest | null;
  /** A short link or word for the result once sent. */
  done?: (result: unknown) => ComponentChildren;
  disabled?: string | null;
  /** Always open, without the toggle (the compose window is the form). */
  standalone?: boolean;
};

/**
 * One action in a panel: a toggle that opens its small form; Submit writes it to the
 * outbox (through the background) and the form shows where it stands from then on.
 */
export function ActionForm({ testid, title, children, build, done, disabled, standalone = false }: Props) {
  const [open, setOpen] = useState(standalone);
  const [sent, setSent] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const request = build();
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      const { id } = await background.enqueue(request);
      setSent((ids) => [...ids, id]);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="action" data-testid={testid}>
      {!standalone && (
        <button type="button" class="toggle" aria-expanded={open} data-testid={`${testid}-toggle`} onClick={() => setOpen(!open)}>
          {title}
        </button>
      )}
      {open && (
        <form onSubmit={(e) => void submit(e)}>
          {children}
          {disabled && <p class="empty">{disabled}</p>}
          <button type="submit" class="btn primary" data-testid={`${testid}-submit`} disabled={busy || Boolean(disabled)}>
            {title}
          </button>
          {error && <p class="error">{error}</p>}
          {sent.map((id) => (
            <ActionState key={id} id={id} done={done} />
          ))}
        </form>
      )}
    </div>
  );
}
