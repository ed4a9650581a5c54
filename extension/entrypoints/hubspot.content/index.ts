import { defineContentScript } from '#imports';
import { guardContext } from '@/overlays/core/lifetime';
import { runFeatures } from '@/overlays/core/run-features';
import recordIssuesPanel from '@/overlays/hubspot/features/record-issues-panel';

export const hubspotFeatures = [recordIssuesPanel];

export default defineContentScript({
  matches: ['https://app.hubspot.com/*'],
  // WXT's context, guarded first: as WXT makes it, a page script can end it (see lifetime.ts).
  main(ctx) {
    // HubSpot's single-page app announces nothing when a record changes: WXT's location watcher finds it.
    runFeatures(hubspotFeatures, { events: [], ctx: guardContext(ctx, 'hubspot') });
  },
});
