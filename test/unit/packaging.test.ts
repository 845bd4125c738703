import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');

interface BuilderConfig {
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  protocols: Array<{ schemes: string[] }>;
  fileAssociations: Array<{ ext: string }>;
  linux: { target: string[] };
  mac: { target: Array<{ target: string; arch: string[] }> };
  win: { target: string[] };
  icon: string;
  extraResources: Array<{ from: string; to: string }>;
}

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(root, path)];
  });
}

/** The project files electron-builder's `files` globs take (negations last, as it applies them). */
function packedFiles(): string[] {
  const include = config.files.filter((p) => !p.startsWith('!'));
  const exclude = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const candidates = [...walk(join(root, 'dist')), 'package.json', 'README.md', ...walk(join(root, 'main')), ...walk(join(root, 'test', 'fixtures'))];
  return candidates.filter((f) => include.some((p) => minimatch(f, p, { dot: true })) && !exclude.some((p) => minimatch(f, p, { dot: true, matchBase: true })));
}

describe('what the packaged app contains (electron-builder.yml), checked without an Electron binary', () => {
  it('holds the built main, preload and renderer bundles and package.json, and nothing else of ours', () => {
    // npm test builds first; run `npm run build` before this file on its own.
    expect(existsSync(join(root, 'dist', 'main', 'electron-main.cjs')), 'build first').toBe(true);
    const files = packedFiles();
    expect(files).toContain('package.json');
    expect(files).toContain(packageJson.main);
    expect(files).toEqual(expect.arrayContaining(['dist/preload/app-preload.cjs', 'dist/preload/cache-host-preload.cjs', 'dist/renderer/index.html', 'dist/renderer/cache-host.html']) as unknown);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') || f.startsWith('test/') || f.startsWith('main/') || f.startsWith('dist/web/') || f.startsWith('dist/tools/'))).toEqual([]);
    expect(config.asar).toBe(true);
  });

  it('copies the OAuth2 client file a builder provides into resources/, where main looks for it', () => {
    expect(config.extraResources).toContainEqual({ from: 'oauth-clients.json', to: 'oauth-clients.json' });
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toContain('oauth-clients.json');
  });

  it('ships production dependencies only: no test, build or Electron packages', () => {
    const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((p) => relative(join(root, 'node_modules'), p));
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'playwright', 'typescript', 'eslint', 'fake-indexeddb', 'node-pop3', 'vite', 'esbuild']) {
      expect(packageJson.dependencies[devOnly], devOnly).toBeUndefined();
      expect(production, devOnly).not.toContain(devOnly);
    }
    // The built-in sandbox server runs in main: its SMTP side ships with the app.
    expect(production).toContain('smtp-server');
  });

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or inspect; encrypted cookies; ASAR-only with integrity checks; no extra file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // We serve app:// (main/electron/app-protocol.ts), never file://.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('sets every security fuse the installed electron-builder knows, so a new one is decided, not left at its default', () => {
    const scheme = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    // Not security switches: which V8 snapshot the browser process loads, and macOS re-signing.
    const notSecurity = ['loadBrowserProcessSpecificV8Snapshot', 'resetAdHocDarwinSignature'];
    const fuses = Object.keys(scheme.definitions.FuseOptionsV1.properties).filter((name) => !notSecurity.includes(name));
    expect(fuses.filter((name) => typeof config.electronFuses[name] !== 'boolean')).toEqual([]);
  });

  it('is a configuration electron-builder itself accepts (its schema refuses an unknown key, such as a misspelt fuse)', async () => {
    const quiet = { isEnabled: false, add: () => undefined } as unknown as DebugLogger;
    await expect(validateConfiguration(parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as never, quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, grantFileProtocolExtraPrivilege: false } } as never, quiet)).rejects.toThrow(/electronFuses/);
  });

  it('builds installers for every platform, registers mailto: and .eml, and has its own icons', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target.map((t) => [t.target, t.arch])).toEqual([
      ['dmg', ['x64', 'arm64']],
      ['zip', ['x64', 'arm64']],
    ]);
    expect(config.protocols.flatMap((p) => p.schemes)).toContain('mailto');
    expect(config.fileAssociations.map((f) => f.ext)).toContain('eml');
    const icon = readFileSync(join(root, config.icon));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });
});
