import { mentionsIn } from '@/lib/context/mentions';
import { defineFeature } from '../../core/feature';
import { mountPanel } from '../../core/mount';
import { IssuePanel } from '../IssuePanel';
import { isConversation, parseConversation } from '../page';
import { findGithub, githubTheme } from '../selectors';

/**
 * Beside an issue or pull request: the HubSpot contact, company and open deals of whoever
 * it is about (matched by the addresses and domains in the opening post), with actions.
 */
export default defineFeature({
  id: 'issue-crm-panel',
  include: [isConversation],
  async init(run) {
    const ref = parseConversation(location)!;
    const mentions = mentionsIn(findGithub('openingPost')?.textContent ?? '');
    await mountPanel(run, {
      anchor: findGithub('conversationSidebar'),
      theme: githubTheme,
      content: () => <IssuePanel issueRef={ref} mentions={mentions} />,
    });
  },
});

// ## Test URLs
// https://github.com/octocat/hello-world/issues/2
// https://github.com/refined-github/refined-github/issues/3543
// https://github.com/refined-github/refined-github/pull/7000/files (no sidebar: launcher)
