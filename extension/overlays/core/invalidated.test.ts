import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('an orphaned content script', () => {
  it('turns "Extension context invalidated" into one reload note, never the raw error', async () => {
    vi.stubGlobal('chrome', { runtime: { id: 'abc' } });
    const { callBackground, contextLost, onContextLost } = await import('./invalidated');
    expect(contextLost()).toBe(false);
    const lost = vi.fn();
    onContextLost(lost);
    await expect(callBackground(async () => 'ok')).resolves.toBe('ok');

    // What Chrome throws once the extension was updated under the page.
    vi.stubGlobal('chrome', { runtime: {} });
    await expect(callBackground(() => Promise.reject(new Error('Extension context invalidated.')))).rejects.toThrow('Weft was updated — reload the page.');
    await expect(callBackground(() => Promise.reject(new Error('Extension context invalidated.')))).rejects.toThrow('reload the page');
    expect(lost).toHaveBeenCalledOnce();
    expect(contextLost()).toBe(true);
  });

  it('passes other failures through', async () => {
    vi.stubGlobal('chrome', { runtime: { id: 'abc' } });
    const { callBackground, contextLost } = await import('./invalidated');
    await expect(callBackground(() => Promise.reject(new Error('Connect Slack first.')))).rejects.toThrow('Connect Slack first.');
    expect(contextLost()).toBe(false);
  });
});
