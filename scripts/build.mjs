// Builds every bundle: main (Electron and web harness) and preloads with esbuild, the renderer with Vite.
import { readFile, rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');

await rm(`${root}dist`, { recursive: true, force: true });

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  define: { PORTHOLE_VERSION: JSON.stringify(version) },
  logLevel: quiet ? 'warning' : 'info',
  absWorkingDir: root,
};

await Promise.all([
  esbuild({ ...nodeBundle, entryPoints: { 'main/electron-main': 'main/electron-main.ts', 'web/harness': 'main/web/cli.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }),
  // Sandboxed preloads may require only 'electron': everything else is bundled in.
  esbuild({ ...nodeBundle, packages: undefined, external: ['electron'], sourcemap: false, entryPoints: { 'preload/app-preload': 'preload/app-preload.ts', 'preload/cache-host-preload': 'preload/cache-host-preload.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }),
]);

await viteBuild({ configFile: `${root}vite.config.mts`, logLevel: quiet ? 'warn' : 'info' });
