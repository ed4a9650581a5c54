import { renderTemplate, type FlowScope } from '../../../shared/flows/expressions';

/** The longest delay a step may ask for. */
export const MAX_DELAY_MS = 30 * 24 * 60 * 60_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A delay step's wait in ms: a duration (`30s`, `15m`, `2h`, `1d`, `500ms`), or a
 * `{{ }}` template that renders to one or to a number of seconds.
 *
 * @example parseDelay('15m', scope) // 900000
 * @example parseDelay('{{ config.waitSeconds }}', scope) // 30000 when config.waitSeconds is 30
 */
export function parseDelay(text: string, scope: FlowScope): number {
  const value = text.includes('{{') ? renderTemplate(text, scope) : text;
  let ms: number;
  if (typeof value === 'number' || typeof value === 'bigint') {
    ms = Number(value) * 1000;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(String(value));
    if (!match) throw new Error(`The delay "${String(value).slice(0, 100)}" is not a duration: use e.g. 30s, 15m, 2h or 1d.`);
    ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`The delay must be zero or more; it is ${String(value)}.`);
  if (ms > MAX_DELAY_MS) throw new Error('A delay may wait 30 days at most.');
  return Math.round(ms);
}
