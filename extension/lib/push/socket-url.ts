import { joinUrl } from '../server-url';

/**
 * The push endpoint of a server: its http(s) base with ws(s) instead.
 *
 * @example eventsSocketUrl('https://weft.example.com/base') // 'wss://weft.example.com/base/api/events/ws'
 */
export function eventsSocketUrl(serverUrl: string): string {
  return joinUrl(serverUrl.replace(/^http/i, 'ws'), '/api/events/ws');
}
