import { useEffect, useState } from 'preact/hooks';
import type { Fresh } from '@/lib/context/types';

type FreshState<T> = Fresh<T> & { refreshing: boolean };

/**
 * Cache first, then the network: renders what the background has cached at once, then
 * asks it to refresh. An answer to an older request (the page moved on) is dropped.
 */
export function useFresh<T>(ask: (refresh: boolean) => Promise<Fresh<T>>, deps: readonly unknown[]): FreshState<T> & { reload: () => void } {
  const [state, setState] = useState<FreshState<T>>({ data: null, fetchedAt: null, error: null, refreshing: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    const fail = (err: unknown) => live && setState((s) => ({ ...s, refreshing: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } }));
    void (async () => {
      const cached = await ask(false);
      if (!live) return;
      if (cached.data !== null) setState({ ...cached, refreshing: true });
      const fresh = await ask(true);
      if (live) setState({ ...fresh, refreshing: false });
    })().catch(fail);
    return () => {
      live = false;
    };
    // The caller lists the request's inputs, as with useEffect.
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
