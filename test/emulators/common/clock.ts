/**
 * Milliseconds since the epoch. Every store takes one so tests can move time forward
 * (code expiry, rolling rate-limit windows) without fake timers leaking into other files.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
