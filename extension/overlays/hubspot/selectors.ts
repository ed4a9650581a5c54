import { findFirst } from '../core/selectors';

/** Every HubSpot DOM anchor Weft uses, each list with fallbacks; none found → the floating launcher. */
export const hubspotSelectors = {
  /** The record page's right sidebar (association cards); HubSpot fills it in after load. */
  recordSidebar: [
    '[data-test-id="records-right-sidebar"]',
    '[data-test-id="right-sidebar"]',
    '[data-selenium-test="profile-right-sidebar"]',
    '.private-layout__sidebar--right',
    'aside[aria-label*="sidebar" i]',
  ],
} as const;

/** `quiet` while looking again on every change of a page that is still rendering. */
export const findHubspot = (name: keyof typeof hubspotSelectors, quiet = false) => findFirst(name, hubspotSelectors[name], document, quiet);

/** HubSpot's dark theme puts a class on <html> or <body>; otherwise the system setting decides. */
export function hubspotTheme(prefersDark: boolean): 'light' | 'dark' {
  const root = document.documentElement;
  if (root.dataset.theme === 'dark' || root.classList.contains('dark') || document.body?.classList.contains('theme-dark')) return 'dark';
  if (root.dataset.theme === 'light') return 'light';
  return prefersDark ? 'dark' : 'light';
}
