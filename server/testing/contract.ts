import { z } from 'zod';
import { ownEventPayloadSchemas } from '../../shared/protocol/activity';
import { errorBodySchema } from '../../shared/protocol/errors';
import type { WeftEvent } from '../../shared/protocol/events';
import { serverMessageSchema, type ServerMessage } from '../../shared/protocol/push-messages';
import { apiResponses } from '../../shared/protocol/routes';

/** The route pattern of `apiResponses` that `method path` matches, with its parameters. */
function matchRoute(method: string, path: string): { pattern: string; params: Record<string, string> } | null {
  const segments = path.split('?')[0]!.split('/');
  // Literal segments first: `/api/connections/claim` is claim, not `/:id`.
  const candidates = Object.keys(apiResponses)
    .filter((key) => key.startsWith(`${method.toUpperCase()} `))
    .sort((a, b) => a.split(':').length - b.split(':').length);
  for (const key of candidates) {
    const parts = key.slice(key.indexOf(' ') + 1).split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    if (parts.every((part, i) => (part.startsWith(':') ? ((params[part.slice(1)] = decodeURIComponent(segments[i]!)), true) : part === segments[i]))) {
      return { pattern: key, params };
    }
  }
  return null;
}

/** The schema the contract gives a route's answer: its 2xx schema, or the error body. */
export function responseSchemaFor(method: string, path: string, status: number): z.ZodType {
  if (status >= 400) return errorBodySchema;
  const route = matchRoute(method, path);
  if (!route) throw new Error(`${method} ${path} answered ${status} with JSON, but shared/protocol/routes.ts has no schema for it.`);
  const schema = apiResponses[route.pattern as keyof typeof apiResponses];
  return typeof schema === 'function' ? schema(route.params) : schema;
}

/**
 * Throws unless `body` is what the contract (shared/protocol) says `method path` answers
 * with `status`. Every test call through `createTestApp().call` and `fetchParsed` goes
 * through it, so a renamed or missing field fails the test that received it.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const parsed = responseSchemaFor(method, path, status).safeParse(body);
  if (!parsed.success) {
    throw new Error(`${method} ${path} answered ${status} outside the contract (shared/protocol):\n${z.prettifyError(parsed.error)}`);
  }
  const events = (parsed.data as { events?: unknown }).events;
  if (Array.isArray(events)) events.forEach((event) => checkOwnPayload(event as WeftEvent, `${method} ${path}`));
}

/** Weft's own events (`connection.updated`, `action.completed`) carry the payload their schema says. */
function checkOwnPayload(event: WeftEvent, where: string): void {
  const schema = Object.hasOwn(ownEventPayloadSchemas, event.type) ? ownEventPayloadSchemas[event.type]! : undefined;
  const parsed = schema?.safeParse(event.payload);
  if (parsed && !parsed.success) {
    throw new Error(`${where}: a ${event.type} event's payload is outside the contract (shared/protocol):\n${z.prettifyError(parsed.error)}`);
  }
}

/**
 * `fetch` against a live server, the answer checked against the contract and returned
 * with its status. For tests over real sockets; `createTestApp().call` does the same in-process.
 *
 * @example const { status, json } = await fetchParsed(`${url}/api/events?after=0`, { headers: auth });
 */
export async function fetchParsed(url: string, init: RequestInit = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, init);
  const json = await res.json();
  checkResponse(init.method ?? 'GET', new URL(url).pathname, res.status, json);
  return { status: res.status, json, headers: res.headers };
}

/** A push message (WebSocket frame or SSE `weft` data), checked against `serverMessageSchema`. */
export function parseServerMessage(text: string): ServerMessage {
  const parsed = serverMessageSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`A push message outside the contract (shared/protocol):\n${z.prettifyError(parsed.error)}\n${text.slice(0, 300)}`);
  if (parsed.data.type === 'event') checkOwnPayload(parsed.data.event, 'A push message');
  return parsed.data;
}

/**
 * The routes an app registers (`METHOD /path`, as Hono spells them) that the contract does
 * not name, and contract entries no registered route serves: both lists are empty when
 * every answer the server can give has its schema in shared/protocol.
 */
export function contractGaps(registered: { method: string; path: string }[], documented: string[]) {
  const served = new Set(registered.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
  return {
    undocumented: [...served].filter((route) => !documented.includes(route)),
    unserved: documented.filter((route) => !served.has(route)),
  };
}
