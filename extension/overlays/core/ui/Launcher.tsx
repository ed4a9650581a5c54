import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** The fallback when the page has no anchor for the panel: a button that opens it floating. */
export function Launcher({ children }: { children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="weft">
      {open && (
        <div class="floating" data-testid="weft-floating">
          {children}
        </div>
      )}
      <button type="button" class="launcher" data-testid="weft-launcher" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Close Weft' : 'Weft'}
      </button>
    </div>
  );
}
