import { z } from 'zod';
import { BODYLESS_METHODS } from '../../../shared/flows/check';
import { parseBoundedJson } from '../../lib/json-depth';
import { requestedWaitMs } from '../../providers/retry-policy';
import { StepError } from '../runner/step-error';
import type { LeafStepContext, LeafStepRunner } from '../runner/step-kinds';
import { answerWords } from './answer-words';
import { connectionToken } from './connection-token';
import { OutboundError, pinnedRequest, type Resolver } from './pinned-request';

/** An answer body larger than this fails the step (the run keeps 64 KB of an output anyway). */
export const HTTP_MAX_ANSWER_BYTES = 1024 * 1024;
/** A request body larger than this is refused before anything is sent. */
export const HTTP_MAX_REQUEST_BYTES = 1024 * 1024;
export const HTTP_TIMEOUT_MS = 30_000;

/** The answer headers a step's output keeps: what later steps act on, never cookies. */
const KEPT_HEADERS = ['content-type', 'content-length', 'location', 'etag', 'last-modified', 'link', 'retry-after', 'x-request-id'];

/** Headers the connection and the transport own; an author's value for them is dropped. */
const TRANSPORT_HEADERS = /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|proxy-.*)$/i;

/** The step's `http:` after its templates were rendered: text where the request needs text. */
const renderedHttp = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: z.string({ error: 'The url must render to text.' }).min(1).max(8000),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  body: z.unknown().optional(),
  connection: z.string().optional(),
});

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface HttpStepOptions {
  /** Tests give a resolver of their own; the system's otherwise. */
  resolve?: Resolver;
  timeoutMs?: number;
  maxAnswerBytes?: number;
  /** Certificates (PEM) trusted instead of the system's: tests serving HTTPS with their own. */
  ca?: string;
}

function requestBody(method: string, body: unknown, headers: Record<string, string>): string | undefined {
  if (body === undefined || body === null) return undefined;
  // Published before the publish check refused it, or rendered from a template: said, not dropped.
  if (BODYLESS_METHODS.has(method)) {
    throw new StepError(`A ${method} request has no body, so this step's body would not be sent. Use POST, PUT or PATCH to send it, or put its values in the URL's query.`, { retryable: false });
  }
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (typeof body === 'string') {
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
    return body;
  }
  if (!hasType) headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}

function output(status: number, headers: Headers, body: Buffer): HttpOutput {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  const text = body.toString('utf8');
  const json = /[/+]json\b/i.test(headers.get('content-type') ?? '') ? parseBoundedJson(text) : undefined;
  return { status, headers: kept, body: json?.ok ? json.value : text };
}

/**
 * The `http` step: one request to any public URL, its answer as the output. 429 and 5xx
 * answers and network failures are retryable (after the Retry-After the server sent);
 * any other 4xx fails the step at once with the server's own words. 3xx answers are the
 * output as they are (with `location`): redirects are not followed, so every address the
 * step reaches is one that was checked (see pinned-request.ts).
 */
export function createHttpStep(options: HttpStepOptions = {}): LeafStepRunner {
  return async (ctx: LeafStepContext) => {
    const parsed = renderedHttp.safeParse(ctx.input);
    if (!parsed.success) throw new StepError(`The http step's input is not a request: ${parsed.error.issues[0]?.message}`, { retryable: false });
    const input = parsed.data;
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new StepError(`"${input.url.slice(0, 200)}" is not a URL.`, { retryable: false });
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.headers ?? {})) if (!TRANSPORT_HEADERS.test(name)) headers[name] = value;
    const body = requestBody(input.method, input.body, headers);
    if (body !== undefined && Buffer.byteLength(body) > HTTP_MAX_REQUEST_BYTES) {
      throw new StepError(`The request body is over ${HTTP_MAX_REQUEST_BYTES / 1024} KB; Weft sends at most that much.`, { retryable: false });
    }
    if (input.connection) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
      headers.authorization = `Bearer ${await connectionToken(ctx, input.connection)}`;
    }
    let answer;
    try {
      answer = await pinnedRequest(
        { method: input.method, url, headers, body },
        {
          allowPrivate: ctx.deps.config.allowPrivateHttp, signal: ctx.signal, resolve: options.resolve, ca: options.ca,
          timeoutMs: options.timeoutMs ?? HTTP_TIMEOUT_MS, maxBytes: options.maxAnswerBytes ?? HTTP_MAX_ANSWER_BYTES,
        },
      );
    } catch (error) {
      if (error instanceof OutboundError) throw new StepError(error.message, { retryable: error.kind === 'network' || error.kind === 'timeout' });
      throw error;
    }
    const { status } = answer;
    if (status === 429 || status >= 500) {
      const words = answerWords(answer.body.toString('utf8'));
      throw new StepError(`${url.host} answered ${status}${words ? `: ${words}` : ''}. Weft will try again.`, { retryable: true, retryAfterMs: requestedWaitMs(answer.headers, status === 429) });
    }
    if (status >= 400) {
      const words = answerWords(answer.body.toString('utf8'));
      throw new StepError(`${url.host} answered ${status}${words ? `: ${words}` : ''}.`, { retryable: false });
    }
    return output(status, answer.headers, answer.body);
  };
}

export const runHttpStep = createHttpStep();
