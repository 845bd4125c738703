import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The renderer bundle: the app page and the cache-host page, served from app:// or the harness.
export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  build: {
    outDir: resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'renderer/index.html'),
        'cache-host': resolve(__dirname, 'renderer/cache-host.html'),
      },
    },
  },
});
