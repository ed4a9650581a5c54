/**
 * The redirect URL an admin registers in each provider's OAuth app for a Weft server: its
 * callback under the public URL (README, Configuration). Test stacks, the e2e harness and
 * the demo register it at their emulators, which refuse any other redirect_uri the way the
 * providers do. Spelled out here rather than asked of the server, so a server that sent a
 * different URL would be refused, as it would be by GitHub, HubSpot or Slack.
 *
 * @example weftCallbackUrl('http://127.0.0.1:4000', 'github') // 'http://127.0.0.1:4000/oauth/github/callback'
 */
export function weftCallbackUrl(publicUrl: string, providerId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/oauth/${providerId}/callback`;
}

/** `{ redirectUris }` for an emulator's options: the one callback of the Weft at `publicUrl`. */
export const registeredFor = (publicUrl: string, providerId: string) => ({ redirectUris: [weftCallbackUrl(publicUrl, providerId)] });
