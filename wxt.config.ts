import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'extension',
  // Resolved from the repo root, not from srcDir.
  publicDir: 'extension/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Weft',
    description: 'GitHub and your CRM, side by side: connections, context and actions where you work.',
    permissions: ['storage', 'tabs', 'alarms', 'notifications', 'contextMenus'],
    // The Weft server is reached with CORS (it allows extension origins); no host
    // permission is needed for it. Content scripts on github.com and app.hubspot.com come
    // from their entrypoints' `matches`.
  },
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, prerender: { enabled: false } })],
  }),
});
