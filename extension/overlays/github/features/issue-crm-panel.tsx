import { defineFeature } from '../../core/feature';
import { mountPanel } from '../../core/mount';
import { createStore } from '../../core/store';
import { whenFound } from '../../core/when-found';
import { readConversation, type ConversationRead, type SeenPost } from '../conversation';
import { IssuePanel } from '../IssuePanel';
import { isConversation, parseConversation, showsOpeningPost } from '../page';
import { findGithub, githubTheme } from '../selectors';

/** How long a page may take to render its opening post and sidebar (GitHub's React view takes about a second). */
const renderBoundMs = 10_000;

/** The conversation read last, and its opening post: an in-app navigation may leave it on screen for a while. */
let last: { conversation: string; post: SeenPost } | null = null;

/**
 * Beside an issue or pull request: the HubSpot contact, company and open deals of whoever
 * it is about (matched by the addresses and domains in the opening post, then the
 * comments), with actions. The page is read as it renders and again when it changes.
 * The panel goes in once the sidebar is there to hold it, or once the page has been read
 * (or the wait is over): never a launcher saying "none" while GitHub is still rendering.
 */
export default defineFeature({
  id: 'issue-crm-panel',
  include: [isConversation],
  init(run) {
    const ref = parseConversation(location)!;
    const conversation = `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
    const withPost = showsOpeningPost(location);
    const read = createStore<ConversationRead>(withPost ? { state: 'reading' } : { state: 'elsewhere' });
    const sidebar = () => findGithub('conversationSidebar', true);
    const pageTitle = () => findGithub('issueTitle', true)?.textContent?.trim() || null;
    const mount = (anchor: Element | null) => mountPanel(run, { anchor, theme: githubTheme, content: () => <IssuePanel issueRef={ref} read={read} pageTitle={pageTitle} /> });
    if (!withPost) return mount(sidebar());

    readConversation({
      signal: run.signal,
      previous: last && last.conversation !== conversation ? last.post : null,
      boundMs: renderBoundMs,
      onChange: read.set,
      onPost: (post) => (last = { conversation, post }),
    });
    let placed = false;
    const place = () => {
      const anchor = sidebar();
      if (placed || run.signal.aborted || (!anchor && read.get().state === 'reading')) return;
      placed = true;
      mount(anchor);
      // Floating because the sidebar is late: it moves there when the sidebar comes.
      if (!anchor) void whenFound(sidebar, { signal: run.signal, timeoutMs: renderBoundMs }).then((found) => found && run.rerun());
    };
    read.subscribe(place);
    void whenFound(sidebar, { signal: run.signal, timeoutMs: renderBoundMs }).then(place);
    place();
  },
});

// ## Test URLs
// https://github.com/octocat/hello-world/issues/2
// https://github.com/refined-github/refined-github/issues/3543
// https://github.com/refined-github/refined-github/pull/7000/files (no sidebar: launcher)
