import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

type Props = { title: string; testid: string; onClose: () => void; children: ComponentChildren };

/** What takes focus when a dialog opens: its first field or enabled button. */
const focusable = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

/**
 * A modal dialog (`<dialog>` opened with showModal: the page behind is inert), named by
 * its heading. Focus moves into it as it opens and goes back to what had it (the button
 * that opened it) when it closes; Escape closes it through `onClose`, so the parent,
 * which renders it, stays the one that decides it is gone. Mounted = open.
 */
export function Dialog({ title, testid, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  // Before the browser paints: the dialog never shows without its focus, nor stays open unmounted.
  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (dialog.querySelector<HTMLElement>(focusable) ?? dialog).focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have gone with the change that closed the dialog (a deleted row).
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class="flows-dialog"
      aria-labelledby={headingId}
      data-testid={testid}
      tabIndex={-1}
      // Escape: the browser would close the element itself; the parent unmounts it instead.
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
    >
      <div class="stack">
        <h2 id={headingId} data-testid={`${testid}-title`}>
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
