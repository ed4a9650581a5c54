import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Logger } from '../lib/log';
import { ProviderError } from '../providers/provider-error';
import { adapterFor } from '../providers/registry';
import { findProvider } from '../../shared/providers';
import type { Database } from '../store/schema';
import { createUrlResolver } from '../providers/urls';
import { describeOAuthError, oauthClient } from './oauth-client';
import { releaseRefreshLease, takeRefreshLease } from './refresh-lease';
import { markStatus, type ConnectionRow } from './repository';
import { tokenAad } from './vault-check';
import type { Vault } from './vault';

/** Refresh this long before expiry, so a call never starts with a token about to die. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** How often an instance waiting for another's refresh looks for the token it stored. */
const LEASE_POLL_MS = 50;

interface TokenServiceDeps {
  db: Kysely<Database>;
  vault: Vault;
  config: Config;
  fetch: typeof fetch;
  log: Logger;
  /** Told when a refresh changes a connection's status (the caller publishes it). */
  onStatusChange?: (connectionId: string) => Promise<void>;
}

/**
 * Hands out usable access tokens. Tokens with an expiry are refreshed shortly before it,
 * once per connection however many callers and instances need it at the same moment
 * (single flight), which matters because GitHub and HubSpot rotate refresh tokens: a
 * second refresh with the old one would fail and lock the user out. Callers in one
 * process share one promise; across instances, the one holding the connection's lease
 * (refresh-lease.ts) refreshes, and the others wait for the token it stores and read it
 * from the database. The new pair is stored in one UPDATE.
 */
export function createTokenService(deps: TokenServiceDeps) {
  const inflight = new Map<string, Promise<string>>();

  const openAccess = (row: ConnectionRow) => deps.vault.open(row.access_token, tokenAad(row.id, 'access_token'));
  const openRefresh = (row: ConnectionRow) => (row.refresh_token === null ? null : deps.vault.open(row.refresh_token, tokenAad(row.id, 'refresh_token')));

  /** Both of the row's tokens, opened. */
  const decrypt = (row: ConnectionRow) => ({ accessToken: openAccess(row), refreshToken: openRefresh(row) });

  /** Whether the row's access token outlives the refresh margin (or never expires). */
  const isFresh = (row: ConnectionRow) => (row.expires_at ? Date.parse(row.expires_at) : Infinity) - REFRESH_MARGIN_MS > Date.now();
  const read = (id: string) => deps.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function refresh(row: ConnectionRow): Promise<string> {
    const provider = findProvider(row.provider)!;
    const settings = deps.config.providers[provider.id] ?? {};
    const ctx = { provider, settings, resolve: createUrlResolver(provider, settings), fetch: deps.fetch, placement: 'bearer' as const };
    const refreshToken = openRefresh(row);
    if (!refreshToken) throw new ProviderError('unauthorized', provider.name, `${provider.name} access has expired. Reconnect it.`);
    const c = oauthClient(ctx, adapterFor(provider.id));
    let result: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.refreshTokenGrantRequest(c.as, c.client, c.clientAuth, refreshToken, c.requestOptions);
      result = await oauth.processRefreshTokenResponse(c.as, c.client, response, c.processOptions);
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.status < 500) {
        // The provider refused the refresh token: only the user can fix this.
        const reason = `${describeOAuthError(provider.name, error)}. Reconnect ${provider.name} from the Weft popup.`;
        await markStatus(deps.db, row.id, 'expired', reason);
        await deps.onStatusChange?.(row.id);
        deps.log.warn('Token refresh rejected; connection marked expired.', { connectionId: row.id, provider: provider.id });
        throw new ProviderError('unauthorized', provider.name, reason);
      }
      throw new ProviderError('unavailable', provider.name, `${describeOAuthError(provider.name, error)} Try again shortly.`);
    }
    const now = new Date();
    await deps.db
      .updateTable('connections')
      .set({
        access_token: deps.vault.seal(result.access_token, tokenAad(row.id, 'access_token')),
        // Providers that rotate send a new refresh token; the others keep the old one valid.
        refresh_token: result.refresh_token
          ? deps.vault.seal(result.refresh_token, tokenAad(row.id, 'refresh_token'))
          : row.refresh_token,
        expires_at: result.expires_in ? new Date(now.getTime() + result.expires_in * 1000).toISOString() : null,
        status: 'active',
        status_reason: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    deps.log.info('Refreshed access token.', { connectionId: row.id, provider: provider.id });
    return result.access_token;
  }

  /** A valid access token for the connection, refreshed first when it is about to expire. */
  async function accessToken(row: ConnectionRow): Promise<string> {
    // Only the access token is opened: every action asks for it, and the refresh token is
    // needed only to refresh.
    if (row.refresh_token === null || isFresh(row)) return openAccess(row);
    return refreshOnce(row);
  }

  /** One refresh per connection in this process: concurrent callers share its promise. */
  function refreshOnce(row: ConnectionRow): Promise<string> {
    const running = inflight.get(row.id);
    if (running) return running;
    const started = refreshAcrossInstances(row).finally(() => inflight.delete(row.id));
    inflight.set(row.id, started);
    return started;
  }

  /**
   * One refresh per connection across instances: the lease holder refreshes; the others
   * wait for the token it stores instead of spending the refresh token a second time.
   * `known` is the row as the caller read it.
   */
  async function refreshAcrossInstances(known: ConnectionRow): Promise<string> {
    /** The token another flight already got (or the refusal it got) from the row as read now; undefined when none did. */
    const settled = (row: ConnectionRow): string | undefined => {
      if (isFresh(row)) return openAccess(row);
      // Marked expired since the caller read it: a flight was refused, and its reason is
      // this caller's too (the dead refresh token would only be refused again).
      if (row.status === 'expired' && row.updated_at !== known.updated_at) {
        throw new ProviderError('unauthorized', findProvider(row.provider)?.name ?? row.provider, row.status_reason ?? 'Access has expired. Reconnect it.');
      }
      return undefined;
    };
    const holder = randomUUID();
    for (;;) {
      // Read the row again: another flight, here or on another instance, may have just rotated it.
      const seen = settled(await read(known.id));
      if (seen !== undefined) return seen;
      if (await takeRefreshLease(deps.db, known.id, holder, Date.now())) {
        try {
          // Read under the lease: a holder may have finished between our read and the take.
          const leased = await read(known.id);
          return settled(leased) ?? (await refresh(leased));
        } finally {
          await releaseRefreshLease(deps.db, known.id, holder);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    }
  }

  /** Refreshes every active connection whose token expires within `withinMs`. */
  async function refreshExpiring(withinMs = 10 * 60_000): Promise<void> {
    const soon = new Date(Date.now() + withinMs).toISOString();
    const rows = await deps.db
      .selectFrom('connections')
      .selectAll()
      .where('status', '=', 'active')
      .where('refresh_token', 'is not', null)
      .where('expires_at', '<=', soon)
      .execute();
    await Promise.allSettled(rows.map((row) => refreshOnce(row)));
  }

  return { accessToken, refreshOnce, refreshExpiring, decrypt };
}

export type TokenService = ReturnType<typeof createTokenService>;
