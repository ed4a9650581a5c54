import { api } from '../api';
import type { Fresh } from '../context/types';
import { cachedOrLoad, cachedValue } from '../context/lookups';
import { syncMenus } from '../context-menus/context-menus';
import { flowsFor, manualFlows } from './manual-flows';
import type { ManualFlow, ManualPlace } from './types';

/** Where the manual flows are cached (Dexie `lookups`, cleared with the account's other data). */
export const manualFlowsKey = 'flows:manual';
/** The alarm whose tick re-reads the instances: another browser's deploy, say, is pushed to nobody. */
export const flowsAlarm = 'weft-flows';
/** How often that is, in minutes; the popup and every panel also re-read them when they open. */
export const flowsAlarmMinutes = 15;

/**
 * The user's manual flows, for the popup, the panels and the context menu: read from
 * `GET /api/instances` into the cache, answered from it first. Each successful read also
 * rebuilds the context menu's flow entries, so the menu follows the list, and a read
 * that changed the list calls `onChange` (the background then tells the open pages and
 * panels, which ask again). Who asks for a refresh and when (popup and panels as they
 * open, the Flows page after a change, the alarm, the push socket back, a paused or
 * resumed instance) is said in `entrypoints/background.ts`.
 */
export function startFlows(options: { onChange?: () => void } = {}) {
  const load = async (): Promise<ManualFlow[]> => {
    const flows = manualFlows((await api.instances()).instances);
    // A menu that could not be rebuilt keeps its old entries; the list is still good.
    await syncMenus(flows).catch((err: unknown) => console.warn('[weft] context menus', err));
    return flows;
  };
  const read = async (refresh: boolean) => {
    if (!refresh) return cachedOrLoad(manualFlowsKey, false, load);
    const before = await cachedValue<ManualFlow[]>(manualFlowsKey);
    const fresh = await cachedOrLoad(manualFlowsKey, true, load);
    // Told once the cache holds the new list, so whoever asks again gets it; an unchanged list tells nobody (no loop with the panels' own refresh).
    if (!fresh.error && JSON.stringify(fresh.data) !== JSON.stringify(before)) options.onChange?.();
    return fresh;
  };
  return {
    /** The flows that can be started from `place`, cached unless `refresh`. */
    async forPlace(place: ManualPlace, refresh: boolean): Promise<Fresh<ManualFlow[]>> {
      const fresh = await read(refresh);
      return { ...fresh, data: fresh.data && flowsFor(fresh.data, place) };
    },
    /** Re-read now; a failure keeps what was cached (and the menu as it was). */
    async refresh(): Promise<void> {
      const { error } = await read(true);
      if (error && error.code !== 'unreachable') console.warn('[weft] manual flows', error.message);
    },
    /** Signed out: no flow of the last account stays in the menu. */
    forget: () => syncMenus([]).catch((err: unknown) => console.warn('[weft] context menus', err)),
  };
}
