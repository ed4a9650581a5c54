import { describe, expect, it } from 'vitest';
import { versionResponseSchema } from './flows';
import { routeTo } from './routes';

describe('routeTo', () => {
  it('gives a route’s method, its path with each parameter encoded, and its answer’s schema', () => {
    expect(routeTo('GET /api/integrations/:id/versions/:n', { id: 'int 1/x', n: 2 })).toEqual({ method: 'GET', path: '/api/integrations/int%201%2Fx/versions/2', schema: versionResponseSchema });
    expect(routeTo('POST /api/instances', {}).path).toBe('/api/instances');
  });

  it('refuses a missing parameter rather than calling a wrong path', () => {
    expect(() => routeTo('GET /api/integrations/:id', {} as { id: string })).toThrow('GET /api/integrations/:id: no value for :id');
  });
});
