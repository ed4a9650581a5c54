/**
 * The human part of a provider's error body, in the shapes GitHub, HubSpot and Slack use.
 *
 * @example providerMessage({ message: 'Bad credentials', documentation_url: '…' }) // 'Bad credentials'
 */
export function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return readable(body);
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error']) {
    if (typeof b[key] === 'string' && b[key]) return readable(b[key] as string);
  }
  return undefined;
}

/**
 * A provider's words as a person sees them beside Weft's own: the first sentence, no
 * links or markup ("…you can find more details at https://developers…" helps nobody
 * in a popup), a bare code like `invalid_auth` read as words, 160 characters at most.
 *
 * @example readable('Authentication credentials not found. This API supports OAuth 2.0 … at https://…') // 'Authentication credentials not found.'
 */
export function readable(text: string): string | undefined {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  const first = /^(.+?[.!?])(?:\s|$)/.exec(plain)?.[1] ?? plain;
  const words = /^[a-z]+(?:_[a-z]+)+$/.test(first) ? first.replace(/_/g, ' ') : first;
  return words.length > 160 ? `${words.slice(0, 159).trimEnd()}…` : words;
}
