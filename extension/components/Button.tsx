import type { ComponentChildren } from 'preact';

type Props = {
  children: ComponentChildren;
  testid: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  type?: 'button' | 'submit';
  /** Shows a spinner and blocks a second click while the call is under way. */
  busy?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  title?: string;
};

export function Button({ children, testid, variant = 'secondary', type = 'button', busy, disabled, onClick, title }: Props) {
  return (
    <button
      type={type}
      class={`btn ${variant}`}
      data-testid={testid}
      disabled={disabled || busy}
      aria-busy={busy ? true : undefined}
      title={title}
      onClick={onClick}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
