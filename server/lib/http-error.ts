import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/protocol/errors';

/** What some errors carry besides their message (errorBodySchema names each one). */
export interface HttpErrorDetails {
  line?: number;
  column?: number;
  problems?: { message: string; path?: (string | number)[]; line?: number; column?: number }[];
  instances?: { id: string; name: string }[];
}

/**
 * An error the client caused or can act on. Routes throw it; `app.onError` turns it into
 * `{error: {code, message, ...details}}` with its status. Anything else is a bug and becomes a 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details: HttpErrorDetails = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'That resource') => new HttpError(404, 'not_found', `${what} was not found.`);
