/**
 * A URL from remote data, only if it is http(s): a `javascript:` or `data:` URL in an
 * event must never become a link or a tab.
 *
 * @example httpUrl('https://github.com/o/r/issues/1') // 'https://github.com/o/r/issues/1'
 * @example httpUrl('javascript:alert(1)') // null
 */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
