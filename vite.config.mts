import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The renderer bundle: the app page and the cache-host page, served from app:// or the harness.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  // The threading worker is a module, as the page's scripts are (one format for every chunk).
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        'cache-host': resolve(import.meta.dirname, 'renderer/cache-host.html'),
      },
      // TipTap's React package starts with "use client" (a server-rendering directive, meaningless in a bundle for the page).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
        warn(warning);
      },
    },
  },
});
