import type { Clock } from './clock';
import { randomBase62 } from './random';

/**
 * Authorization requests waiting for the user's click on the consent page. The page
 * posts back only an opaque id, so the approved client, redirect_uri, scopes and PKCE
 * challenge are exactly what the authorize URL asked for and cannot be edited in the form.
 */
export class PendingAuthorizations<Request> {
  readonly #pending = new Map<string, { request: Request; expiresAt: number }>();
  readonly #now: Clock;
  readonly #ttlMs: number;

  constructor(now: Clock, ttlMs = 10 * 60 * 1000) {
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  add(request: Request): string {
    const id = randomBase62(24);
    this.#pending.set(id, { request, expiresAt: this.#now() + this.#ttlMs });
    return id;
  }

  /** Single use: a second submit of the same page (double click, back button) finds nothing. */
  take(id: string | undefined): Request | undefined {
    if (id === undefined) return undefined;
    const entry = this.#pending.get(id);
    this.#pending.delete(id);
    return entry && this.#now() <= entry.expiresAt ? entry.request : undefined;
  }
}
