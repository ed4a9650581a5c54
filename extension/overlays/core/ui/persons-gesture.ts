import { useRef } from 'preact/hooks';

/** How long after a person's click or Enter its submit event may come. */
const gestureWindowMs = 1_000;

type Gesture = { armedAt: { current: number }; arm: (e: Event) => void; guardClick: (e: Event) => void };

/**
 * Tells a person's submit from a script's. A page script can `click()` a button,
 * `requestSubmit()` a form or dispatch events on it, and the browser's own submit event
 * that follows `click()` or `requestSubmit()` is trusted. So a submit counts only if a
 * trusted single click on the submit button, or a trusted Enter in a field, came just
 * before it; an untrusted click on the button is cancelled outright (issue 7: a script on
 * github.com posted to Slack through the panel).
 */
export function usePersonsGesture(): Gesture {
  const armedAt = useRef(Number.NEGATIVE_INFINITY);
  return {
    armedAt,
    arm(e) {
      if (!e.isTrusted || !(e.target instanceof Element)) return;
      // The second and third clicks of a double or triple click are the same person's one click.
      const onButton = e.type === 'click' && (e as MouseEvent).detail <= 1 && e.target.closest('button[type="submit"]') !== null;
      const enterInField = e.type === 'keydown' && (e as KeyboardEvent).key === 'Enter' && e.target.tagName === 'INPUT';
      if (onButton || enterInField) armedAt.current = performance.now();
    },
    guardClick(e) {
      if (!e.isTrusted) e.preventDefault();
    },
  };
}

/** Whether this submit event follows a person's gesture; a trusted one uses the gesture up. */
export function isPersonsSubmit(e: Event, gesture: Gesture): boolean {
  if (!e.isTrusted) return false;
  const armed = performance.now() - gesture.armedAt.current <= gestureWindowMs;
  gesture.armedAt.current = Number.NEGATIVE_INFINITY;
  return armed;
}
