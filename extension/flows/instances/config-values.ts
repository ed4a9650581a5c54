import type { ConfigVar } from '@@/shared/flows/document';
import type { Connection } from '@@/shared/protocol';
import { providerName } from '../common/provider-name';

export type ConfigValues = Record<string, unknown>;

/** The values a deploy starts with: each variable's default, and the only connection of its provider when there is one. */
export function initialValues(vars: ConfigVar[], connections: Connection[], current: ConfigValues = {}): ConfigValues {
  const values: ConfigValues = {};
  for (const v of vars) {
    if (v.key in current) values[v.key] = current[v.key];
    else if (v.type === 'connection') {
      const usable = connectionsFor(v.provider, connections);
      if (usable.length === 1) values[v.key] = usable[0]!.id;
    } else if (v.default !== undefined) values[v.key] = v.default;
  }
  return values;
}

/** The user's connections a variable can take: of its provider, working ones first. */
export function connectionsFor(provider: string, connections: Connection[]): Connection[] {
  return connections.filter((c) => c.provider === provider).sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
}

/**
 * How a connection reads in a choice: its name, the provider account when that says
 * more (a connection is named after its account unless renamed: "octocat (octocat)" would
 * say it twice), and its state when it is not working.
 *
 * @example connectionLabel({ name: 'Work', account: { label: 'octocat' }, status: 'expired', … }) // 'Work (octocat) — expired'
 */
export function connectionLabel(c: Pick<Connection, 'name' | 'account' | 'status'>): string {
  const account = c.account && c.account.label.toLowerCase() !== c.name.toLowerCase() ? ` (${c.account.label})` : '';
  return `${c.name}${account}${c.status === 'active' ? '' : ` — ${c.status}`}`;
}

/**
 * What is missing before deploying, by key: a connection not chosen, a required value left
 * empty, a number that is not one. Empty when the values can be sent.
 */
export function missingValues(vars: ConfigVar[], values: ConfigValues): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const v of vars) {
    const value = values[v.key];
    if (v.type === 'connection' && (typeof value !== 'string' || value === '')) missing[v.key] = `Choose a ${providerName(v.provider)} connection.`;
    else if (v.type === 'number' && value !== undefined && typeof value !== 'number') missing[v.key] = 'Enter a number.';
    else if (v.type !== 'connection' && v.required && (value === undefined || value === '')) missing[v.key] = `${v.label} is required.`;
  }
  return missing;
}
