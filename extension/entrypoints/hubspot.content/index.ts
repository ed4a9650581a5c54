import { defineContentScript } from '#imports';
import { instanceLifetime } from '@/overlays/core/lifetime';
import { runFeatures } from '@/overlays/core/run-features';
import recordIssuesPanel from '@/overlays/hubspot/features/record-issues-panel';

export const hubspotFeatures = [recordIssuesPanel];

export default defineContentScript({
  matches: ['https://app.hubspot.com/*'],
  // WXT's context (the argument) is not used: a page script can invalidate it (see lifetime.ts).
  main() {
    // HubSpot's single-page app announces nothing when a record changes: the Navigation API and URL polling find it.
    runFeatures(hubspotFeatures, { events: [], signal: instanceLifetime('hubspot') });
  },
});
