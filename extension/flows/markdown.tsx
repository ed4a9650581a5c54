import type { ComponentChildren, VNode } from 'preact';
import { ExternalLink } from '@/components/ExternalLink';

/**
 * An integration's docs, from a small markdown subset to elements: `#` headings, paragraphs,
 * `-` / `*` / `1.` lists, fenced code, and inline `code`, **bold**, *italic* and
 * [links](https://…). Docs come from whoever wrote the document (a template, a fork), so
 * nothing here ever becomes HTML: every piece of text is a text node, and only https
 * links are clickable (ExternalLink). Anything else reads as the text it is.
 */
export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{blocks(source)}</div>;
}

function blocks(source: string): VNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: VNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) code.push(lines[i++]!);
      i++; // the closing fence
      out.push(<pre key={out.length}><code>{code.join('\n')}</code></pre>);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // Docs sit under the page's own headings: # becomes h3, and deeper ones stay below it.
      const Tag = `h${Math.min(6, heading[1]!.length + 2)}` as 'h3';
      out.push(<Tag key={out.length}>{inline(heading[2]!)}</Tag>);
      i++;
      continue;
    }
    if (listItem(line)) {
      const ordered = /^\s*\d+[.)]\s/.test(line);
      const items: string[] = [];
      while (i < lines.length && listItem(lines[i]!)) items.push(listItem(lines[i++]!)!);
      const children = items.map((text, n) => <li key={n}>{inline(text)}</li>);
      out.push(ordered ? <ol key={out.length}>{children}</ol> : <ul key={out.length}>{children}</ul>);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!)) paragraph.push(lines[i++]!.trim());
    out.push(<p key={out.length}>{inline(paragraph.join(' '))}</p>);
  }
  return out;
}

function listItem(line: string): string | undefined {
  return /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line)?.[1];
}

function startsBlock(line: string): boolean {
  return /^(#{1,6})\s/.test(line) || /^\s*(```|~~~)/.test(line) || listItem(line) !== undefined;
}

/** Inline marks, earliest first: `code` (nothing inside it is a mark), links, **bold**, *italic*. */
const inlinePattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_/;

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  while (rest) {
    const m = inlinePattern.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const key = out.length;
    if (m[1] !== undefined) out.push(<code key={key}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<ExternalLink key={key} href={m[3]!}>{inline(m[2])}</ExternalLink>);
    else if (m[4] !== undefined || m[5] !== undefined) out.push(<strong key={key}>{inline((m[4] ?? m[5])!)}</strong>);
    else out.push(<em key={key}>{inline((m[6] ?? m[7])!)}</em>);
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}
