import { defineContentScript } from '#imports';
import { guardContext } from '@/overlays/core/lifetime';
import { runFeatures } from '@/overlays/core/run-features';
import issueCrmPanel from '@/overlays/github/features/issue-crm-panel';
import repoCustomerIssues from '@/overlays/github/features/repo-customer-issues';

/** Every GitHub overlay feature; the runner picks those matching the page, again after each in-app navigation. */
export const githubFeatures = [issueCrmPanel, repoCustomerIssues];

/**
 * GitHub moves between pages without reloads: Turbo (classic pages) and React soft
 * navigation announce a rendered page with these events; WXT's location watcher (the
 * Navigation API) catches the moves that announce nothing.
 */
const renderEvents = ['turbo:render', 'soft-nav:end', 'soft-nav:react-done', 'soft-nav:payload', 'pjax:end'];

export default defineContentScript({
  matches: ['https://github.com/*'],
  // WXT's context, guarded first: as WXT makes it, a page script can end it (see lifetime.ts).
  main(ctx) {
    runFeatures(githubFeatures, { events: renderEvents, ctx: guardContext(ctx, 'github') });
  },
});
