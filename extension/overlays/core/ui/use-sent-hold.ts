import { useEffect, useState } from 'preact/hooks';
import type { OutboxItemView } from '@/lib/outbox/types';

/** After a submission was sent its button stays locked this long: the rest of a click burst must not start a new one. */
export const afterSentHoldMs = 1_000;

/**
 * Whether a button that submitted `item` is still locked: while the item is under way,
 * and once it is sent, `afterSentHoldMs` more (an action can be done before a triple click
 * is over); a failed one unlocks at once, to be tried again. `inFlight` is the caller's
 * synchronous guard (set at the click, before any render), released here; `onSent` runs
 * once the item is sent.
 */
export function useSentHold(itemId: string | null, item: OutboxItemView | null | undefined, inFlight: { current: boolean }, onSent?: () => void): boolean {
  const [holding, setHolding] = useState(false);
  const settled = item?.status === 'done' || item?.status === 'failed';
  useEffect(() => {
    if (!settled) return;
    if (item?.status !== 'done') {
      inFlight.current = false;
      return;
    }
    onSent?.();
    setHolding(true);
    const release = () => {
      inFlight.current = false;
      setHolding(false);
    };
    const hold = setTimeout(release, afterSentHoldMs);
    return () => {
      clearTimeout(hold);
      release();
    };
  }, [settled, itemId]);
  return holding || (itemId !== null && !settled);
}
