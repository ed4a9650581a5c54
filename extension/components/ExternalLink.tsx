import type { ComponentChildren } from 'preact';

/**
 * A link to a URL that came from the server. Only https is rendered as a link: a
 * `javascript:` URL in a remote string must never become clickable.
 */
export function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  if (!href.startsWith('https://')) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
