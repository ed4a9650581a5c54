/**
 * Where the Flows page is, kept in the URL hash so a reload, the back button and a link
 * from a notification ("#/runs/42") land on the same screen.
 */
export type FlowsRoute =
  | { page: 'list' }
  | { page: 'templates' }
  | { page: 'integration'; id: string; tab: IntegrationTab }
  | { page: 'run'; id: string };

export const integrationTabs = ['edit', 'versions', 'instances', 'runs'] as const;
export type IntegrationTab = (typeof integrationTabs)[number];

/** @example parseRoute('#/integrations/abc/versions') // { page: 'integration', id: 'abc', tab: 'versions' } */
export function parseRoute(hash: string): FlowsRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'templates') return { page: 'templates' };
  if (parts[0] === 'runs' && parts[1]) return { page: 'run', id: parts[1] };
  if (parts[0] === 'integrations' && parts[1]) {
    const tab = integrationTabs.find((t) => t === parts[2]) ?? 'edit';
    return { page: 'integration', id: parts[1], tab };
  }
  return { page: 'list' };
}

export function hrefOf(route: FlowsRoute): string {
  switch (route.page) {
    case 'list':
      return '#/';
    case 'templates':
      return '#/templates';
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'integration':
      return `#/integrations/${encodeURIComponent(route.id)}${route.tab === 'edit' ? '' : `/${route.tab}`}`;
  }
}
