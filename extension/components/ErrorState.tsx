import { Button } from './Button';

type Props = { testid: string; message: string; onRetry: () => void; retrying?: boolean };

/** A failed load, with the way out: the message says what is wrong, Retry tries again. */
export function ErrorState({ testid, message, onRetry, retrying }: Props) {
  return (
    <div class="error-state" data-testid={testid} role="alert">
      <p>{message}</p>
      <Button testid="retry" busy={retrying} onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}
