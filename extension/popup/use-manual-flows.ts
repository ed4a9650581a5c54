import { useEffect, useState } from 'preact/hooks';
import type { ManualFlow } from '@/lib/flows/types';
import { messageOf } from '@/lib/api-error';
import { sendToBackground } from '@/lib/messaging/to-background';
import { listenToBackground } from '@/lib/messaging/to-pages';

export type ManualFlowsState = { flows: ManualFlow[] | undefined; error: string | null };

/**
 * The manual flows the popup offers (every one of the user's instances; a paused or
 * disabled one's marked unavailable): the cached list at once, then the background
 * re-reads `GET /api/instances` (which also rebuilds the context menu's flow entries), and
 * the cached list again whenever the background says it changed. `flows` is undefined
 * until the first answer.
 */
export function useManualFlows(): ManualFlowsState {
  const [state, setState] = useState<ManualFlowsState>({ flows: undefined, error: null });
  useEffect(
    () =>
      listenToBackground('manualFlowsChanged', async () => {
        const cached = await sendToBackground('getManualFlows', { place: 'popup' }).catch(() => null);
        if (cached?.data) setState({ flows: cached.data, error: null });
      }),
    [],
  );
  useEffect(() => {
    let live = true;
    const ask = (refresh: boolean) => sendToBackground('getManualFlows', { place: 'popup', refresh });
    void (async () => {
      const cached = await ask(false);
      if (live && cached.data) setState({ flows: cached.data, error: null });
      const fresh = await ask(true);
      if (live) setState({ flows: fresh.data ?? [], error: fresh.error?.message ?? null });
    })().catch((err: unknown) => live && setState((s) => ({ flows: s.flows ?? [], error: messageOf(err) })));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
