import { httpUrl } from '../http-url';
/** What a context menu item opens the compose window with. */
export type ComposeKind = 'issue-from-selection' | 'issue-from-link' | 'slack' | 'find-in-hubspot' | 'add-contact';

export type ComposeDraft = {
  kind: ComposeKind;
  selection: string;
  pageUrl: string | null;
  pageTitle: string;
  linkUrl: string | null;
};

/** The menu items: id → title and where they show. */
export const menuItems: { id: ComposeKind; title: string; contexts: ['selection' | 'link'] }[] = [
  { id: 'issue-from-selection', title: 'Create GitHub issue from selection', contexts: ['selection'] },
  { id: 'slack', title: 'Send to Slack…', contexts: ['selection'] },
  { id: 'find-in-hubspot', title: 'Find in HubSpot', contexts: ['selection'] },
  { id: 'add-contact', title: 'Add as HubSpot contact', contexts: ['selection'] },
  { id: 'issue-from-link', title: 'Create GitHub issue linking this page', contexts: ['link'] },
];

const kinds = new Set<string>(menuItems.map((m) => m.id));

/** The parts of `contextMenus.OnClickData` and `tabs.Tab` a draft needs. */
export type MenuClick = { menuItemId: string | number; selectionText?: string; linkUrl?: string; pageUrl?: string };
export type ClickedTab = { title?: string; url?: string } | undefined;

/**
 * The compose window's starting point from a menu click: the selection (trimmed, at most
 * 10,000 characters), the page and the link, http(s) URLs only. Null for a click that is not ours.
 *
 * @example draftFromClick({ menuItemId: 'slack', selectionText: ' hi ', pageUrl: 'https://example.com/' }, { title: 'Example' })
 * // {kind: 'slack', selection: 'hi', pageUrl: 'https://example.com/', pageTitle: 'Example', linkUrl: null}
 */
export function draftFromClick(info: MenuClick, tab: ClickedTab): ComposeDraft | null {
  const kind = String(info.menuItemId);
  if (!kinds.has(kind)) return null;
  return {
    kind: kind as ComposeKind,
    selection: (info.selectionText ?? '').trim().slice(0, 10_000),
    pageUrl: httpUrl(info.pageUrl ?? tab?.url),
    pageTitle: (tab?.title ?? '').trim().slice(0, 300),
    linkUrl: httpUrl(info.linkUrl),
  };
}
