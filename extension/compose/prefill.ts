import { mentionsIn } from '@/lib/context/mentions';
import { nameNear, type PersonName } from './contact-name';
import type { ComposeDraft } from '@/lib/context-menus/draft';

/** A title from the selection's first line: at most 80 characters, cut at a word. */
export function titleFrom(text: string, max = 80): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

const source = (d: ComposeDraft) => (d.pageUrl ? `[${d.pageTitle || d.pageUrl}](${d.pageUrl})` : d.pageTitle);

/**
 * The issue a context-menu click proposes: from a selection, its first line as title and
 * the whole quoted; from a link, the link with the page it was found on.
 *
 * @example issueDraft({ kind: 'issue-from-selection', selection: 'Export fails', pageUrl: 'https://x.test/', pageTitle: 'X', linkUrl: null })
 * // {title: 'Export fails', body: '> Export fails\n\nFrom [X](https://x.test/)'}
 */
export function issueDraft(d: ComposeDraft): { title: string; body: string } {
  if (d.kind === 'issue-from-link' && d.linkUrl) {
    const url = new URL(d.linkUrl);
    return { title: titleFrom(`Follow up: ${url.hostname}${url.pathname === '/' ? '' : url.pathname}`), body: `${d.linkUrl}\n\nFound on ${source(d)}` };
  }
  const quoted = d.selection.split('\n').map((l) => `> ${l}`).join('\n');
  return { title: titleFrom(d.selection) || titleFrom(d.pageTitle), body: `${quoted}\n\nFrom ${source(d)}`.trim() };
}

/**
 * A contact from a selection (a signature, a mail header, a sentence): the first address,
 * and the name next to it when one can be read with confidence (see `nameNear`), else none.
 *
 * @example contactDraft('Jane Doe <jane@example.com>') // {email: 'jane@example.com', firstname: 'Jane', lastname: 'Doe'}
 */
export function contactDraft(selection: string): { email: string } & PersonName {
  const email = mentionsIn(selection).find((m) => m.includes('@')) ?? '';
  return { email, ...nameNear(selection, email) };
}
