import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ActionRequest } from '@/lib/outbox/types';
import { background } from '../background';
import { ActionState } from './ActionState';

type Props = {
  testid: string;
  title: string;
  /** The fields; `build` turns them into the request when submitted, or says what is missing ("Give the issue a title."). */
  children: ComponentChildren;
  build: () => ActionRequest | string;
  /** A short link or word for the result once sent. */
  done?: (result: unknown) => ComponentChildren;
  disabled?: string | null;
  /** Always open, without the toggle (the compose window is the form). */
  standalone?: boolean;
};

/**
 * One action in a panel: a toggle that opens its small form; Submit writes it to the
 * outbox (through the background) and the form shows where it stands from then on.
 * A required field left empty is named, never a silent no-op; the form shows one state,
 * the latest submission's, so a cause is said once; editing clears a stale message.
 */
export function ActionForm({ testid, title, children, build, done, disabled, standalone = false }: Props) {
  const [open, setOpen] = useState(standalone);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const request = build();
    if (typeof request === 'string') return setError(request);
    setBusy(true);
    setError(null);
    try {
      const { id } = await background.enqueue(request);
      setSent(id);
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
        <form onSubmit={(e) => void submit(e)} onInput={() => setError(null)}>
          {children}
          {disabled && <p class="empty">{disabled}</p>}
          <button type="submit" class="btn primary" data-testid={`${testid}-submit`} disabled={busy || Boolean(disabled)}>
            {title}
          </button>
          {error && (
            <p class="error" role="alert" data-testid={`${testid}-error`}>
              {error}
            </p>
          )}
          {sent && <ActionState key={sent} id={sent} done={done} />}
        </form>
      )}
    </div>
  );
}
