import type { Context } from 'hono';

/**
 * Reads request parameters the way the providers do: query string first, then a form or
 * JSON body on top. GitHub documents both query and body parameters for its token
 * endpoint; HubSpot's legacy v1 and Slack accept forms, Slack and GitHub also JSON.
 * Only string values are kept: a provider never sees a nested object in these calls.
 */
export async function readParams(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(await readArgs(c))) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
  return params;
}

/**
 * Like `readParams`, but JSON values keep their types (arrays, booleans, objects), as
 * Slack's Web API needs for `blocks` and `unfurl_links` sent as JSON. Form values stay strings.
 */
export async function readArgs(c: Context): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = { ...c.req.query() };
  const type = c.req.header('content-type') ?? '';
  try {
    if (type.includes('application/json')) {
      Object.assign(args, asObject(await c.req.json()));
    } else if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') args[k] = v;
    } else {
      // No content type (a bare fetch with a string body): guess the way lenient servers do.
      const text = (await c.req.text()).trim();
      Object.assign(args, asObject(text.startsWith('{') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text))));
    }
  } catch {
    // A malformed body reads as no body; the endpoint then reports the missing field.
  }
  return args;
}

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * A JSON request body as REST APIs (GitHub, HubSpot) read it: empty means `{}`, anything
 * that does not parse is `undefined` so the caller answers in its own "bad JSON" shape.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = (await c.req.text()).trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
