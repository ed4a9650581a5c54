import { describe, expect, it } from 'vitest';
import { eventsSocketUrl } from './socket-url';

describe('eventsSocketUrl', () => {
  it.each([
    ['http://localhost:8787', 'ws://localhost:8787/api/events/ws'],
    ['https://weft.example.com', 'wss://weft.example.com/api/events/ws'],
    ['https://example.com/weft', 'wss://example.com/weft/api/events/ws'],
  ])('%s → %s', (server, socket) => {
    expect(eventsSocketUrl(server)).toBe(socket);
  });
});
