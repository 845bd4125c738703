import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if one is installed, without triggering electron's download-on-first-use
 * (which cannot reach its host on our build machines). ELECTRON_OVERRIDE_DIST_PATH is honoured.
 */
export function installedElectronBinary(): string | null {
  const packageDir = join(__dirname, '..', '..', 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}
