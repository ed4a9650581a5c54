import { findFirst } from '../core/selectors';

/**
 * Every GitHub DOM anchor Weft uses, newest markup first. When all of a list miss, the
 * panel opens from the floating launcher instead: the page is never broken.
 */
export const githubSelectors = {
  /** The sidebar beside an issue or pull request (React issue view, then the classic one). */
  conversationSidebar: ['[data-testid="issue-viewer-metadata-pane"]', '#partial-discussion-sidebar', '.discussion-sidebar'],
  /** The opening post, whose text says who the issue is about. */
  openingPost: ['[data-testid="issue-body"] [data-testid="markdown-body"]', '[data-testid="issue-body"]', '.js-comment-body', '.comment-body'],
  /** The About column of a repository's home page. */
  repoSidebar: ['.Layout-sidebar .BorderGrid', '.Layout-sidebar', '[data-testid="repo-sidebar"]'],
} as const;

export const findGithub = (name: keyof typeof githubSelectors) => findFirst(name, githubSelectors[name]);

/** GitHub's own setting (`data-color-mode` on <html>: light, dark or auto), else the system's. */
export function githubTheme(prefersDark: boolean): 'light' | 'dark' {
  const mode = document.documentElement.getAttribute('data-color-mode');
  if (mode === 'light' || mode === 'dark') return mode;
  return prefersDark ? 'dark' : 'light';
}
