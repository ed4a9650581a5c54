import { storage } from '#imports';
import type { OAuthOutcome, User } from '@@/shared/protocol';
import type { NotificationSettings } from './notifications/rules';

/**
 * Everything the extension keeps in `browser.storage`. The popup and the options page
 * watch the items they show. In the background only `session-changes.ts` watches
 * (`session`, `serverUrl`); its modules tell each other through `entrypoints/background.ts`,
 * never through an item.
 * https://wxt.dev/storage.html#defining-storage-items
 */

export const defaultServerUrl = 'http://localhost:8787';

/** Where the Weft server lives; changed on the options page. */
export const serverUrl = storage.defineItem<string>('local:serverUrl', { fallback: defaultServerUrl });

export type Session = { token: string; user: User };

/** The Weft session. Provider tokens never reach the browser; this is all it holds. */
export const session = storage.defineItem<Session | null>('local:session', { fallback: null });

/**
 * Why the user was signed out without asking ("Your session ended…"), shown once on the
 * sign-in screen. Kept apart from `session` so that `session` stays `{token, user} | null`.
 */
export const sessionNotice = storage.defineItem<string | null>('local:sessionNotice', { fallback: null });

export type OAuthOutcomeRecord = {
  provider: string;
  status: OAuthOutcome;
  message: string;
  /** Epoch milliseconds. */
  at: number;
};

/** How the last OAuth consent ended; the popup shows failures as a banner until dismissed. */
export const lastOAuthOutcome = storage.defineItem<OAuthOutcomeRecord | null>('local:lastOAuthOutcome', {
  fallback: null,
});

export type PendingOAuth = { provider: string; connectionId?: string; startedAt: number };

/**
 * Consent tabs the background is watching, by tab id. In session storage because an MV3
 * service worker is stopped while the user reads a consent screen, and the tab id must
 * survive that; it need not survive a browser restart.
 */
export const pendingOAuthTabs = storage.defineItem<Record<string, PendingOAuth>>('session:pendingOAuthTabs', {
  fallback: {},
});

/**
 * OAuth grants this browser has already claimed (newest last, a few dozen at most): the
 * result page is reloaded after a claim, and each load must not claim again.
 */
export const claimedOAuthGrants = storage.defineItem<string[]>('session:claimedOAuthGrants', { fallback: [] });

/**
 * Which events notify. Partial because a rule added later must start from its default:
 * read it through `withDefaults` (notifications/rules.ts).
 */
export const notificationSettings = storage.defineItem<Partial<NotificationSettings> | null>('local:notificationSettings', {
  fallback: null,
});

export type PushState = 'connecting' | 'live' | 'offline';

export type PushStatus = {
  /** `live`: the server said ready; `connecting`: opening or waiting to retry; `offline`: signed out. */
  state: PushState;
  /** Why the last connection ended or failed, in words a user can read. */
  error: string | null;
  /** Epoch ms of the next attempt while waiting to retry. */
  retryAt: number | null;
};

/**
 * The background's live connection to the server, for the popup's "Live" / "Reconnecting…".
 * In session storage: it describes this browser run only.
 */
export const pushStatus = storage.defineItem<PushStatus>('session:pushStatus', {
  fallback: { state: 'offline', error: null, retryAt: null },
});
