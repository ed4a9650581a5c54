// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const show = (source: string) => {
  render(<Markdown source={source} />, root);
  return root.querySelector('.markdown')!;
};

describe('docs preview', () => {
  it('renders headings, lists, code and inline marks as elements', () => {
    const md = show('# Setup\n\nPick a **Slack** channel and `#urgent`.\n\n- one\n- *two*\n\n1. first\n\n```\nif: x > 1\n```');
    expect(md.querySelector('h3')?.textContent).toBe('Setup');
    expect(md.querySelector('p strong')?.textContent).toBe('Slack');
    expect(md.querySelector('p code')?.textContent).toBe('#urgent');
    expect([...md.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(md.querySelector('ul em')?.textContent).toBe('two');
    expect(md.querySelector('ol li')?.textContent).toBe('first');
    expect(md.querySelector('pre code')?.textContent).toBe('if: x > 1');
  });

  it('raw HTML in the docs stays text: no element is made from it', () => {
    const md = show('<img src=x onerror="alert(1)"> and <script>alert(2)</script>\n\n**<b>bold</b>**');
    expect(md.querySelector('img, script, b')).toBeNull();
    expect(md.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(md.querySelector('strong')?.textContent).toBe('<b>bold</b>');
  });

  it('only https links are links; a javascript: link is its text', () => {
    const md = show('[guide](https://example.com/guide) and [click](javascript:alert(1))');
    const links = [...md.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/guide']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(md.textContent).toContain('click');
  });
});
