import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ActionRequest } from '@/lib/outbox/types';
import { background } from '../background';
import { ActionState } from './ActionState';
import { isPersonsSubmit, usePersonsGesture } from './persons-gesture';
import { useOutboxItem } from './use-outbox-item';
import { useSentHold } from './use-sent-hold';

type Props = {
  testid: string;
  title: string;
  /** The fields; `build` turns them into the request when submitted, or says what is missing ("Give the issue a title."). */
  children: ComponentChildren;
  build: () => ActionRequest | string;
  disabled?: string | null;
  /** Always open, without the toggle (the compose window is the form). */
  standalone?: boolean;
  /** Called once the submission is sent: the form puts its fields back as they started. */
  onSent?: () => void;
};

/**
 * One action in a panel or the compose window: a toggle that opens its small form;
 * Submit writes it to the outbox (through the background) and the form shows where it
 * stands from then on.
 *
 * One submission is one idempotency key, made when the form is submitted: a repeated
 * click can never become a second action. The button stays locked (disabled, aria-busy)
 * until that submission is sent or has failed, and a moment longer once sent (an action
 * can be done before a triple click is over); once sent, the fields reset and the state
 * line links to what was created. Only a person's click or Enter submits
 * (`persons-gesture.ts`). A required field left empty is named, never a silent no-op;
 * the form shows one state, the latest submission's; editing clears a stale message.
 */
export function ActionForm({ testid, title, children, build, disabled, standalone = false, onSent }: Props) {
  const [open, setOpen] = useState(standalone);
  const [itemId, setItemId] = useState<string | null>(null);
  const [enqueuing, setEnqueuing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const item = useOutboxItem(itemId);
  const gesture = usePersonsGesture();
  // Set synchronously: two submit events can arrive before the disabled button is rendered.
  const inFlight = useRef(false);
  // Kept until the background has the submission: resending after a failed hand-over reuses it.
  const pendingKey = useRef<string | null>(null);

  const locked = useSentHold(itemId, item, inFlight, onSent) || enqueuing;

  async function submit(e: Event) {
    e.preventDefault();
    if (!isPersonsSubmit(e, gesture) || inFlight.current) return;
    const request = build();
    if (typeof request === 'string') return setError(request);
    inFlight.current = true;
    pendingKey.current ??= `weft-${crypto.randomUUID()}`;
    setEnqueuing(true);
    setError(null);
    try {
      const { id } = await background.enqueue({ ...request, idempotencyKey: pendingKey.current });
      pendingKey.current = null;
      setItemId(id);
    } catch (err) {
      inFlight.current = false;
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setEnqueuing(false);
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
        <form onSubmit={(e) => void submit(e)} onInput={() => setError(null)} onClickCapture={gesture.arm} onKeyDownCapture={gesture.arm}>
          {children}
          {disabled && <p class="empty">{disabled}</p>}
          <button
            type="submit"
            class="btn primary"
            data-testid={`${testid}-submit`}
            disabled={locked || Boolean(disabled)}
            aria-busy={locked ? true : undefined}
            onClick={gesture.guardClick}
          >
            {title}
          </button>
          {error && (
            <p class="error" role="alert" data-testid={`${testid}-error`}>
              {error}
            </p>
          )}
          {itemId !== null && <ActionState item={item} />}
        </form>
      )}
    </div>
  );
}
