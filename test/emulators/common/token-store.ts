import type { Clock } from './clock';

export type TokenType = 'access' | 'refresh';

export interface StoredToken<Account> {
  value: string;
  type: TokenType;
  /** Provider-specific flavour, e.g. 'oauth' | 'personal' for GitHub, 'private-app' for HubSpot. */
  kind: string;
  account: Account;
  scopes: string[];
  /** The OAuth client it was issued to; null for credentials minted outside OAuth (PATs, private apps). */
  clientId: string | null;
  issuedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** The other half of an access/refresh pair, so rotation and revocation can take both. */
  partner: string | null;
}

export type TokenLookup<Account> =
  | { status: 'valid'; token: StoredToken<Account> }
  | { status: 'expired' | 'revoked'; token: StoredToken<Account> }
  | { status: 'unknown' };

export type NewToken<Account> = Omit<StoredToken<Account>, 'issuedAt' | 'revokedAt' | 'partner'> & { partner?: string | null };

/**
 * Every credential an emulator has handed out. Tokens are never deleted, only marked
 * revoked or expired, so an API can tell "expired" from "never existed" the way HubSpot
 * (EXPIRED_AUTHENTICATION) and Slack (token_expired, token_revoked) do.
 */
export class TokenStore<Account> {
  readonly #tokens = new Map<string, StoredToken<Account>>();
  readonly #now: Clock;
  #changed: () => void = () => {};

  constructor(now: Clock) {
    this.#now = now;
  }

  /** Called after every change (issue, pairing, revocation, expiry), e.g. to save the store (state-file.ts). */
  onChange(listener: () => void): void {
    this.#changed = listener;
  }

  /** Every token, live or not, in the order issued. */
  all(): StoredToken<Account>[] {
    return [...this.#tokens.values()];
  }

  /** Puts back tokens saved earlier (`all()`), values and timestamps as they were. */
  restore(tokens: StoredToken<Account>[]): void {
    for (const token of tokens) this.#tokens.set(token.value, { ...token });
  }

  add(token: NewToken<Account>): StoredToken<Account> {
    const stored: StoredToken<Account> = { ...token, partner: token.partner ?? null, issuedAt: this.#now(), revokedAt: null };
    this.#tokens.set(stored.value, stored);
    this.#changed();
    return stored;
  }

  /** Links an access token and its refresh token both ways. */
  pair(access: StoredToken<Account>, refresh: StoredToken<Account>): void {
    access.partner = refresh.value;
    refresh.partner = access.value;
    this.#changed();
  }

  lookup(value: string | undefined, type: TokenType): TokenLookup<Account> {
    const token = value === undefined ? undefined : this.#tokens.get(value);
    if (!token || token.type !== type) return { status: 'unknown' };
    if (token.revokedAt !== null) return { status: 'revoked', token };
    if (token.expiresAt !== null && this.#now() >= token.expiresAt) return { status: 'expired', token };
    return { status: 'valid', token };
  }

  /** Revokes a token and, unless told otherwise, its partner. Returns the token if it existed. */
  revoke(value: string, { withPartner = true } = {}): StoredToken<Account> | undefined {
    const token = this.#tokens.get(value);
    if (!token) return undefined;
    token.revokedAt ??= this.#now();
    if (withPartner && token.partner) {
      const partner = this.#tokens.get(token.partner);
      if (partner) partner.revokedAt ??= this.#now();
    }
    this.#changed();
    return token;
  }

  revokeWhere(predicate: (token: StoredToken<Account>) => boolean): number {
    let count = 0;
    for (const token of this.#tokens.values()) {
      if (token.revokedAt === null && predicate(token)) {
        token.revokedAt = this.#now();
        count++;
      }
    }
    if (count > 0) this.#changed();
    return count;
  }

  /** Backdates the expiry of every live token of a type, as if its lifetime had run out. */
  expireAll(type: TokenType): void {
    const past = this.#now() - 1;
    for (const token of this.#tokens.values()) {
      if (token.type === type && token.revokedAt === null) token.expiresAt = Math.min(token.expiresAt ?? past, past);
    }
    this.#changed();
  }
}
