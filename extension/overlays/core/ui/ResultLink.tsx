/**
 * The address of what an action created (an issue's `url`, a message's `permalink`), or
 * null. Only https: the result comes from a provider, and a `javascript:` or `data:` URL
 * in it must never become a link.
 *
 * @example createdUrl({ number: 7, url: 'https://github.com/octocat/hello-world/issues/7' }) // 'https://github.com/octocat/hello-world/issues/7'
 * @example createdUrl({ url: 'javascript:alert(1)' }) // null
 */
export function createdUrl(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const { url, permalink } = result as { url?: unknown; permalink?: unknown };
  const candidate = typeof url === 'string' ? url : typeof permalink === 'string' ? permalink : null;
  if (candidate === null) return null;
  try {
    const parsed = new URL(candidate);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** " · <the created thing's address>", as the text of a link; nothing when the result has no https address. */
export function ResultLink({ result }: { result: unknown }) {
  const url = createdUrl(result);
  if (url === null) return null;
  return (
    <>
      {' · '}
      <a href={url} target="_blank" rel="noopener noreferrer" data-testid="weft-action-result-link">
        {url}
      </a>
    </>
  );
}
