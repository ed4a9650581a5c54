import { mentionsIn } from '@/lib/context/mentions';
import { findAllGithub, findGithub } from './selectors';

/**
 * What the page says about who a conversation is about, as far as it has rendered:
 * `reading` until the opening post is on the page, `read` with the addresses and
 * domains it names (then the comments'), `unreadable` when the bound passed without an
 * opening post, `elsewhere` on a pull request tab that never shows it (Files, Commits).
 * Only `read` may ever lead to "no customer mentioned".
 */
export type ConversationRead = { state: 'reading' } | { state: 'read'; mentions: string[] } | { state: 'unreadable' } | { state: 'elsewhere' };

/** The opening post as a read saw it: after an in-app navigation, the new page has rendered once this changed. */
export type SeenPost = { element: Element; text: string };

export type ReadOptions = {
  signal: AbortSignal;
  /** The previous conversation's opening post, when this run follows an in-app navigation (null on a fresh page). */
  previous: SeenPost | null;
  onChange: (read: ConversationRead) => void;
  /** The opening post at each read (also when what it names did not change), for the next navigation's `previous`. */
  onPost?: (post: SeenPost) => void;
  /** How long to wait for the opening post before saying the page could not be read. */
  boundMs?: number;
  /** Mutations come in bursts while a page renders: one read after each burst. */
  settleMs?: number;
};

/**
 * Reads the conversation when it is on the page, and again whenever the page changes
 * (its content arriving late, as GitHub's React view renders it about a second after
 * load; an edit; a new comment), reporting only what differs. After an in-app navigation
 * the previous conversation may still be on screen for a while: its opening post, same
 * element and same text, does not count as the new one's. Stops on abort.
 *
 * @example readConversation({ signal, previous: null, onChange: (read) => store.set(read) })
 */
export function readConversation({ signal, previous, onChange, onPost, boundMs = 10_000, settleMs = 100 }: ReadOptions): void {
  let reported = '';
  let boundPassed = false;
  let stale = previous;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const report = (read: ConversationRead) => {
    const key = JSON.stringify(read);
    if (key === reported) return;
    reported = key;
    onChange(read);
  };
  const check = () => {
    pending = undefined;
    const post = findGithub('openingPost', !boundPassed);
    const text = post?.textContent ?? '';
    if (!post || !text.trim() || (stale && post === stale.element && text === stale.text)) {
      return report(boundPassed ? { state: 'unreadable' } : { state: 'reading' });
    }
    // From here on a change of this post is an edit, not the old page.
    stale = null;
    onPost?.({ element: post, text });
    report({ state: 'read', mentions: mentionsIn([text, ...commentTexts(post)].join('\n')) });
  };

  const observer = new MutationObserver(() => {
    pending ??= setTimeout(check, settleMs);
  });
  // The whole document: an in-app navigation may replace <body>.
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  const bound = setTimeout(() => {
    boundPassed = true;
    check();
  }, boundMs);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(pending);
    clearTimeout(bound);
  });
  check();
}

/** The comments' text after the opening post, without the comment box being typed in. */
function commentTexts(post: Element): string[] {
  const composer = findGithub('composer', true);
  const bodies = findAllGithub('comments').filter((c) => !c.contains(post) && !post.contains(c) && !composer?.contains(c));
  // A body inside another matched body (classic markup nests them) is read once, with it.
  return bodies.filter((c) => !bodies.some((outer) => outer !== c && outer.contains(c))).map((c) => c.textContent ?? '');
}
