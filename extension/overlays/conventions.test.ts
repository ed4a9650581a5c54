import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Conventions instead of reviewer memory: every overlay feature is one file, registered by
// its site's content script, documented, with real pages to try it on.
const root = path.resolve('extension');
const sites = ['github', 'hubspot'];

describe('overlay features', () => {
  for (const site of sites) {
    const dir = path.join(root, 'overlays', site, 'features');
    const entry = readFileSync(path.join(root, 'entrypoints', `${site}.content`, 'index.ts'), 'utf8');
    for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))) {
      const id = file.replace(/\.tsx?$/, '');
      const source = readFileSync(path.join(dir, file), 'utf8');
      it(`${site}/${id}: its id is its file name, it is registered, documented and has test URLs`, () => {
        expect(source).toContain(`id: '${id}'`);
        expect(entry).toContain(`/overlays/${site}/features/${id}'`);
        expect(source).toMatch(/\/\*\*[\s\S]*?\*\/\s*export default defineFeature/);
        expect(source).toMatch(/\/\/ ## Test URLs\n(\/\/ https:\/\/\S+.*\n)+/);
      });
    }
  }

  it('no overlay, popup or compose code renders remote text as HTML', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          if (/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
