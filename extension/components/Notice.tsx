import type { ComponentChildren } from 'preact';

type Props = {
  kind: 'error' | 'warn' | 'ok' | 'info';
  testid: string;
  children: ComponentChildren;
  /** Shows a × that calls this. */
  onDismiss?: () => void;
};

/** A message in a tinted box. Errors are announced to screen readers as they appear. */
export function Notice({ kind, testid, children, onDismiss }: Props) {
  return (
    <div class={`notice ${kind}`} data-testid={testid} role={kind === 'error' ? 'alert' : 'status'}>
      <div class="notice-body">{children}</div>
      {onDismiss && (
        <button type="button" class="dismiss" aria-label="Dismiss" data-testid={`${testid}-dismiss`} onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
