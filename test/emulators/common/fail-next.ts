/**
 * Scheduled failures: "the next n requests under this path answer with this status".
 * Lets a test reach a client's 429/5xx handling on demand instead of waiting for the
 * real limits. Rules are consumed first-in, first-out.
 */
export class FailureQueue {
  readonly #rules: { pathPrefix: string; status: number; remaining: number }[] = [];

  add(pathPrefix: string, status: number, count = 1): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`failNext needs an error status, got ${status}`);
    if (count > 0) this.#rules.push({ pathPrefix, status, remaining: count });
  }

  /** The status to fail this request with, if a rule matches; spends one use of it. */
  take(path: string): number | undefined {
    const index = this.#rules.findIndex((rule) => path.startsWith(rule.pathPrefix));
    const rule = this.#rules[index];
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule.status;
  }
}
