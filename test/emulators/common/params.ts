import type { Context } from 'hono';

/**
 * Reads request parameters the way the providers do: query string first, then a form or
 * JSON body on top. GitHub documents both query and body parameters for its token
 * endpoint; HubSpot's legacy v1 and Slack accept forms, Slack and GitHub also JSON.
 * Only string values are kept: a provider never sees a nested object in these calls.
 */
export async function readParams(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  const type = c.req.header('content-type') ?? '';
  try {
    if (type.includes('application/json')) {
      const body: unknown = await c.req.json();
      if (body && typeof body === 'object') {
        for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
      }
    } else if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') params[k] = v;
    } else {
      // No content type (a bare fetch with a string body): guess the way lenient servers do.
      const text = (await c.req.text()).trim();
      const body: unknown = text.startsWith('{') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
      if (body && typeof body === 'object') {
        for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
      }
    }
  } catch {
    // A malformed body reads as no body; the endpoint then reports the missing field.
  }
  return params;
}

/** `Authorization: Basic base64(id:secret)` → `{ id, secret }`, the form Slack and GitHub accept for app credentials. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * The token of an `Authorization` header in one of the given schemes (case-insensitive).
 *
 * @example bearerToken('token gho_abc', ['bearer', 'token']) // 'gho_abc'
 */
export function bearerToken(header: string | undefined, schemes: readonly string[] = ['bearer']): string | undefined {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  return schemes.includes(match[1].toLowerCase()) ? match[2] : undefined;
}
