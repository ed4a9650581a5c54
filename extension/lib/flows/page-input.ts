import { httpUrl } from '../http-url';
/**
 * The input a manual flow gets from where it was started: the entity of the page, the
 * selection or the link. The flow reads it as `trigger` (e.g. `{{trigger.title}}`), so
 * these shapes are what flow authors write against; README's "Manual flows" lists them.
 * Pure, and free of libraries: the overlays' content scripts import it.
 */

/** A GitHub issue or pull request page. `url` is the canonical one, whatever tab the page was on. */
export type GithubEntityInput = { repo: string; number: number; title: string; url: string };
/** A HubSpot record page; `objectType` as HubSpot's CRM API names it. */
export type HubspotEntityInput = { objectType: 'contacts' | 'companies' | 'deals'; id: string; name: string; url: string };
/** A context-menu click on a selection: its text (trimmed), and the page it was on. */
export type SelectionInput = { text: string; pageUrl: string | null; pageTitle: string };
/** A context-menu click on a link: its address, and the page it was on. */
export type LinkInput = { url: string; pageUrl: string | null; pageTitle: string };

/** The most a selection's text may bring (as the compose window keeps). */
export const maxSelectionChars = 10_000;

/**
 * @example githubEntityInput({ owner: 'octocat', repo: 'hello-world', number: 2, kind: 'issue' }, 'Export fails')
 * // {repo: 'octocat/hello-world', number: 2, title: 'Export fails', url: 'https://github.com/octocat/hello-world/issues/2'}
 */
export function githubEntityInput(ref: { owner: string; repo: string; number: number; kind: 'issue' | 'pull' }, title: string | null): GithubEntityInput {
  const path = ref.kind === 'pull' ? 'pull' : 'issues';
  const repo = `${ref.owner}/${ref.repo}`;
  return { repo, number: ref.number, title: title?.trim() || `${repo}#${ref.number}`, url: `https://github.com/${repo}/${path}/${ref.number}` };
}

/** Where `githubEntityInput`'s flows come from: `github.issue` or `github.pull`. */
export function githubPlace(kind: 'issue' | 'pull'): 'github.issue' | 'github.pull' {
  return kind === 'pull' ? 'github.pull' : 'github.issue';
}

/**
 * @example hubspotEntityInput({ portalId: '62515', object: 'contacts', id: '10002' }, 'Jane Doe')
 * // {objectType: 'contacts', id: '10002', name: 'Jane Doe', url: 'https://app.hubspot.com/contacts/62515/record/0-1/10002'}
 */
export function hubspotEntityInput(record: { portalId: string; object: 'contacts' | 'companies' | 'deals'; id: string }, name: string): HubspotEntityInput {
  return { objectType: record.object, id: record.id, name, url: hubspotRecordUrl(record) };
}

const typeIds = { contacts: '0-1', companies: '0-2', deals: '0-3' } as const;

export function hubspotRecordUrl(record: { portalId: string; object: 'contacts' | 'companies' | 'deals'; id: string }): string {
  return `https://app.hubspot.com/contacts/${record.portalId}/record/${typeIds[record.object]}/${record.id}`;
}

/** The parts of a context-menu click (`contextMenus.OnClickData`) and its tab that an input takes. */
export type MenuClickData = { selectionText?: string; linkUrl?: string; pageUrl?: string };
export type MenuTab = { title?: string; url?: string } | undefined;

/**
 * A selection's input, or null when nothing was selected.
 *
 * @example selectionInput({ selectionText: ' Export fails \n', pageUrl: 'https://support.example.com/t/42' }, { title: 'Ticket 42' })
 * // {text: 'Export fails', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42'}
 */
export function selectionInput(info: MenuClickData, tab: MenuTab): SelectionInput | null {
  const text = (info.selectionText ?? '').trim().slice(0, maxSelectionChars);
  return text ? { text, pageUrl: httpUrl(info.pageUrl ?? tab?.url), pageTitle: pageTitle(tab) } : null;
}

/**
 * A link's input, or null when the link is not an http(s) address (a `javascript:` link
 * is never handed to a flow).
 *
 * @example linkInput({ linkUrl: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/' }, { title: 'News' })
 * // {url: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/', pageTitle: 'News'}
 */
export function linkInput(info: MenuClickData, tab: MenuTab): LinkInput | null {
  const url = httpUrl(info.linkUrl);
  return url ? { url, pageUrl: httpUrl(info.pageUrl ?? tab?.url), pageTitle: pageTitle(tab) } : null;
}

function pageTitle(tab: MenuTab): string {
  return (tab?.title ?? '').trim().slice(0, 300);
}
