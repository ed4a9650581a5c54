import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository explains itself: a reader of a fresh clone must find the design and
// every picture the README promises without access to anything outside it.
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Relative targets of markdown links and images (`[x](target)`, `![x](target)`) and HTML `src="…"`. */
function localTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)|\ssrc="([^"]+)"/g)]
    .map((m) => (m[1] ?? m[2])!)
    .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.split('#')[0]!);
}

describe('README and ARCHITECTURE.md', () => {
  it('the README points to the ARCHITECTURE.md at the root, which exists', () => {
    expect(existsSync(path.join(root, 'ARCHITECTURE.md'))).toBe(true);
    expect(localTargets(read('README.md'))).toContain('ARCHITECTURE.md');
  });

  it.each(['README.md', 'ARCHITECTURE.md'])('%s refers to nothing outside the repository', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/shared folder|\/work\/|\/home\/|\/tmp\//);
    for (const target of localTargets(text)) expect(existsSync(path.join(root, target)), target).toBe(true);
  });

  it('the README shows the product: the popup, an overlay panel, the options page and the Flows page, as real PNGs of 200 KB at most', () => {
    const images = localTargets(read('README.md')).filter((t) => t.endsWith('.png'));
    expect(images).toEqual(
      expect.arrayContaining(['docs/screenshots/popup.png', 'docs/screenshots/github-issue-panel.png', 'docs/screenshots/options.png', 'docs/screenshots/flows-list.png', 'docs/screenshots/flows-run.png']),
    );
    for (const image of images) {
      const png = readFileSync(path.join(root, image));
      expect(png.subarray(1, 4).toString(), image).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20. A real page, not a blank sliver.
      expect(png.readUInt32BE(16), image).toBeGreaterThanOrEqual(380);
      expect(png.readUInt32BE(20), image).toBeGreaterThanOrEqual(500);
      expect(png.length, image).toBeGreaterThan(20_000);
      // Every clone carries them: small, as a screenshot of a page at 1x is.
      expect(png.length, image).toBeLessThanOrEqual(200 * 1024);
    }
  });
});
