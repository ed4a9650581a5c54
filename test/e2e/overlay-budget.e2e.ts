import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Content scripts load on every GitHub and HubSpot page: their size is a budget, checked on
// the production build (`npm run bench` reports the figures and the page's CPU cost).
const budgetGzipBytes = 28 * 1024;

describe('content-script budget', () => {
  it.each(['github', 'hubspot'])('%s.js stays under 28 KiB gzipped, with no zod or catalog inside', (name) => {
    const code = readFileSync(path.resolve('.output/chrome-mv3/content-scripts', `${name}.js`));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThan(budgetGzipBytes);
    // zod's error map and the catalog's scopes would only arrive by an import that is not `import type`.
    expect(code.toString()).not.toMatch(/ZodError|invalid_type|chat:write/);
  });
});
