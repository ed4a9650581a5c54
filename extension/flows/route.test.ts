import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type FlowsRoute } from './route';

describe('the Flows page’s routes', () => {
  it('reads each screen from the hash and writes it back the same', () => {
    const routes: FlowsRoute[] = [
      { page: 'list' },
      { page: 'templates' },
      { page: 'run', id: '42' },
      { page: 'integration', id: 'int_1', tab: 'edit' },
      { page: 'integration', id: 'int 1/2', tab: 'versions' },
      { page: 'integration', id: 'x', tab: 'runs' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('anything unknown is the list, an unknown tab the editor', () => {
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#/nope')).toEqual({ page: 'list' });
    expect(parseRoute('#/integrations/a/zzz')).toEqual({ page: 'integration', id: 'a', tab: 'edit' });
  });
});
