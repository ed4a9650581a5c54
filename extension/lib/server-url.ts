/**
 * The server URL as the user types it on the options page, checked and normalised:
 * http(s) only, no query or fragment, no trailing slash (so paths join cleanly and a
 * self-hosted server may live under a path prefix).
 *
 * @example parseServerUrl(' https://weft.example.com/ ') // {ok: true, url: 'https://weft.example.com'}
 */
export function parseServerUrl(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Enter the address of your Weft server.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter a full address, like http://localhost:8787.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'The address must start with http:// or https://.' };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, message: 'Leave out the query, fragment and user name; the address alone is enough.' };
  }
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}

/** `base` + `path`, tolerating a stored base that still ends with a slash. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
