import { defineContentScript } from '#imports';
import { runFeatures } from '@/overlays/core/run-features';
import issueCrmPanel from '@/overlays/github/features/issue-crm-panel';
import repoCustomerIssues from '@/overlays/github/features/repo-customer-issues';

/** Every GitHub overlay feature; the runner picks those matching the page, again after each in-app navigation. */
export const githubFeatures = [issueCrmPanel, repoCustomerIssues];

export default defineContentScript({
  matches: ['https://github.com/*'],
  main(ctx) {
    // Turbo (classic pages) and React soft navigation announce a rendered page; other moves are caught by URL polling.
    runFeatures(ctx, githubFeatures, { events: ['turbo:render', 'soft-nav:end', 'pjax:end'] });
  },
});
