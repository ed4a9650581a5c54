import { useState } from 'preact/hooks';
import { messageOf } from '@/lib/api-error';

/**
 * Busy and error state for one button or form: `run` shows a spinner while the call is
 * under way and keeps the failure's message to render beside the control.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (err) {
      setError(messageOf(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
