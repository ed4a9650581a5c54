import { findFirst } from '../core/selectors';

/**
 * Every GitHub DOM anchor Weft uses, newest markup first: the React issue view (as
 * Refined GitHub matches it today), then the classic pages. When all of a list miss, the
 * panel opens from the floating launcher instead: the page is never broken.
 */
export const githubSelectors = {
  /** The sidebar beside an issue or pull request: the React view's metadata pane (or the parent of its assignees section), then the classic one. */
  conversationSidebar: [
    '[data-testid="issue-viewer-metadata-pane"]',
    ':has(> [data-testid="sidebar-assignees-section"])',
    '#partial-discussion-sidebar',
    '.discussion-sidebar',
  ],
  /** The issue's or pull request's title as the page shows it (React view, then classic). */
  issueTitle: ['[data-testid="issue-title"]', '.js-issue-title', '.gh-header-title .markdown-title'],
  /** The opening post, whose text says who the issue is about. */
  openingPost: [
    '[data-testid="issue-body"] [data-testid="markdown-body"]',
    '.react-issue-body [data-testid="markdown-body"]',
    '.react-issue-body .markdown-body',
    '[data-testid="issue-body"]',
    '.react-issue-body',
    '.js-comment-body',
    '.comment-body',
    '.markdown-body',
  ],
  /** The bodies of the comments after it (the opening post is among them on some pages; it is skipped). */
  comments: ['.react-issue-comment [data-testid="markdown-body"]', '.react-issue-comment .markdown-body', '.js-comment-body', '.comment-body', '[data-testid="markdown-body"]', '.markdown-body'],
  /** The comment box: what the user is typing is not what the issue is about. */
  composer: ['[data-testid="comment-composer"]', '#new_comment_field', '.js-new-comment-form'],
  /** Where the conversation renders: the React issue view's root, else Turbo's frame or the main element. */
  conversationRoot: ['react-app[app-name="issues-react"]', '#repo-content-turbo-frame', 'main'],
  /** The About column of a repository's home page. */
  repoSidebar: ['.Layout-sidebar .BorderGrid', '.Layout-sidebar', '[data-testid="repo-sidebar"]'],
} as const;

export type GithubAnchor = keyof typeof githubSelectors;

export const findGithub = (name: GithubAnchor, quiet = false) => findFirst(name, githubSelectors[name], document, quiet);

/** Every element matching any selector of the list, in document order, each once. */
export const findAllGithub = (name: GithubAnchor): Element[] => [...document.querySelectorAll(githubSelectors[name].join(','))];

/** GitHub's own setting (`data-color-mode` on <html>: light, dark or auto), else the system's. */
export function githubTheme(prefersDark: boolean): 'light' | 'dark' {
  const mode = document.documentElement.getAttribute('data-color-mode');
  if (mode === 'light' || mode === 'dark') return mode;
  return prefersDark ? 'dark' : 'light';
}
