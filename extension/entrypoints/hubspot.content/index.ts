import { defineContentScript } from '#imports';
import { runFeatures } from '@/overlays/core/run-features';
import recordIssuesPanel from '@/overlays/hubspot/features/record-issues-panel';

export const hubspotFeatures = [recordIssuesPanel];

export default defineContentScript({
  matches: ['https://app.hubspot.com/*'],
  main(ctx) {
    // HubSpot's single-page app announces nothing when a record changes: URL polling finds it.
    runFeatures(ctx, hubspotFeatures, { events: [] });
  },
});
