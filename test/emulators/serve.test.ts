import { describe, expect, it } from 'vitest';
import { createGithubEmulator } from './github';
import { startEmulator } from './serve';

describe('startEmulator', () => {
  it('serves an emulator on a random 127.0.0.1 port and closes cleanly', async () => {
    const github = createGithubEmulator();
    const running = await startEmulator(github.app);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { token } = await (await fetch(`${running.url}/_emulator/tokens`, { method: 'POST' })).json();
      const user = await fetch(`${running.url}/user`, { headers: { authorization: `Bearer ${token}` } });
      expect(await user.json()).toMatchObject({ login: 'octocat', url: `${running.url}/users/octocat` });
    } finally {
      await running.close();
    }
    await expect(fetch(`${running.url}/user`)).rejects.toThrow();
  });
});
