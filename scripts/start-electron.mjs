// `npm start`: runs the built app in Electron, or says in one line why it cannot. Electron's npm
// package fetches its binary on first use; where that download is impossible (no route to its
// host), requiring it prints a stack trace. This finds the binary the way the package does
// (node_modules/electron/path.txt, ELECTRON_OVERRIDE_DIST_PATH), fetches it once if missing,
// quietly, and otherwise points at the web harness, which needs no Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const WEB_INSTEAD = 'run the same app in a browser instead: npm run web';

/** Electron's package folder in the project run from, or null when it is not installed. */
function electronPackageDir() {
  try {
    return dirname(createRequire(join(process.cwd(), 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The executable Electron's package would run, whether or not it is there yet. */
function binaryPath(packageDir) {
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  return relative ? join(packageDir, 'dist', relative) : null;
}

/** Electron's executable, fetched first if it is missing; null (with the reason) when it cannot be had. */
function findElectron() {
  const packageDir = electronPackageDir();
  if (!packageDir) return { binary: null, reason: 'Electron is not installed (run npm ci)' };
  const existing = binaryPath(packageDir);
  if (existing && existsSync(existing)) return { binary: existing };
  // Electron's own installer; its output (and its stack trace when offline) is not for the user.
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], { cwd: packageDir, stdio: 'ignore' });
  const fetched = binaryPath(packageDir);
  if (install.status === 0 && fetched && existsSync(fetched)) return { binary: fetched };
  return { binary: null, reason: 'Electron’s binary could not be fetched (no connection to its download server?)' };
}

const electron = findElectron();
if (!electron.binary) {
  process.stderr.write(`Porthole: ${electron.reason}; ${WEB_INSTEAD}\n`);
  process.exit(1);
}
const child = spawn(electron.binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('error', (error) => {
  process.stderr.write(`Porthole: Electron could not be started (${error.message}); ${WEB_INSTEAD}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
