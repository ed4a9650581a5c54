import type { Kysely } from 'kysely';
import type { ConfigVar } from '../../../shared/flows/document';
import { findProvider } from '../../../shared/providers';
import { HttpError } from '../../lib/http-error';
import type { Database } from '../../store/schema';

export interface ResolvedConfig {
  /** The values to store: given ones, checked, with defaults filled in. */
  config: Record<string, unknown>;
  /** The connection each connection variable names. */
  connections: { configKey: string; connectionId: string }[];
}

const invalid = (message: string) => new HttpError(400, 'invalid_request', message);
const providerName = (id: string) => findProvider(id)?.name ?? id;

/**
 * An instance's config values checked against its version's `configVars`: each value of
 * its variable's type, required ones present, defaults applied; a connection variable
 * must name a connection of this workspace from its provider. Keys no variable declares
 * are refused, or with `dropUnknown` (an upgrade, whose new version may have fewer
 * variables) left out.
 *
 * @example await resolveConfig(db, 'wsp_1', [{ key: 'channel', label: 'Channel', type: 'string', default: 'C1' }], {}) // { config: { channel: 'C1' }, connections: [] }
 */
export async function resolveConfig(
  db: Kysely<Database>,
  workspaceId: string,
  vars: readonly ConfigVar[],
  values: Record<string, unknown>,
  options: { dropUnknown?: boolean } = {},
): Promise<ResolvedConfig> {
  const declared = new Set(vars.map((v) => v.key));
  const unknown = Object.keys(values).filter((key) => !declared.has(key));
  if (unknown.length > 0 && !options.dropUnknown) throw invalid(`This version has no config variable "${unknown[0]}".`);

  const config: Record<string, unknown> = {};
  const connections: ResolvedConfig['connections'] = [];
  for (const v of vars) {
    const given = Object.hasOwn(values, v.key) ? values[v.key] : undefined;
    if (v.type === 'connection') {
      if (typeof given !== 'string' || given === '') throw invalid(`Choose a ${providerName(v.provider)} connection for "${v.label}".`);
      await checkConnection(db, workspaceId, v, given);
      config[v.key] = given;
      connections.push({ configKey: v.key, connectionId: given });
      continue;
    }
    const value = given ?? v.default;
    if (value === undefined || value === null) {
      if (v.required) throw invalid(`"${v.label}" is required.`);
      continue;
    }
    config[v.key] = checkType(v, value);
  }
  return { config, connections };
}

function checkType(v: Exclude<ConfigVar, { type: 'connection' }>, value: unknown): unknown {
  switch (v.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(`"${v.label}" should be text.`);
      if (value.length > 10_000) throw invalid(`"${v.label}" is too long (10,000 characters at most).`);
      if (v.required && value.trim() === '') throw invalid(`"${v.label}" is required.`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`"${v.label}" should be a number.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(`"${v.label}" should be true or false.`);
      return value;
  }
}

async function checkConnection(db: Kysely<Database>, workspaceId: string, v: Extract<ConfigVar, { type: 'connection' }>, connectionId: string) {
  const row = await db.selectFrom('connections').select(['provider', 'name']).where('id', '=', connectionId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) throw invalid(`"${v.label}" names a connection this workspace does not have. Choose one of your ${providerName(v.provider)} connections.`);
  if (row.provider !== v.provider) {
    throw invalid(`"${v.label}" needs a ${providerName(v.provider)} connection; ${row.name} is a ${providerName(row.provider)} connection.`);
  }
}
