/**
 * OAuth blocks shared by several catalog entries because one identity platform serves
 * them all: a change at Google or Microsoft is then one edit.
 */

/** https://developers.google.com/identity/protocols/oauth2/web-server */
export const googleOAuth = {
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
  pkce: true,
  scopeSeparator: ' ',
  // A refresh token is only issued with offline access, and again only on prompt=consent.
  authorizeParams: { access_type: 'offline', prompt: 'consent' },
} as const;

/** https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow */
export const microsoftOAuth = {
  authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  pkce: true,
  scopeSeparator: ' ',
} as const;
