import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 12, item 11: `npm start` where Electron's binary cannot be fetched printed a raw stack
 * trace. The wrapper is run in stand-in projects: an Electron package whose installer fails the
 * way the real one does offline, one whose binary is there, one whose installer fetches it.
 */

const root = join(__dirname, '..', '..', '..');
const SCRIPT = join(root, 'scripts', 'start-electron.mjs');
const projects: string[] = [];

afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with a stand-in electron package made of the given files. */
function project(electronFiles: Record<string, string> | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-start-'));
  projects.push(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"stand-in","private":true}');
  if (!electronFiles) return dir;
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"0.0.0-stand-in"}');
  for (const [name, text] of Object.entries(electronFiles)) writeFileSync(join(electron, name), text);
  return dir;
}

/** A stand-in Electron executable: prints its arguments, exits with 3. */
const FAKE_BINARY = '#!/bin/sh\necho "electron ran with: $*"\nexit 3\n';

function start(cwd: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, env, encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start (scripts/start-electron.mjs)', () => {
  it('says in one line that the binary could not be fetched, and names npm run web, when the download fails', () => {
    // What Electron's installer does offline: a stack trace and exit code 1.
    const dir = project({ 'install.js': "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (got/index.js:1:1)'); process.exit(1);" });
    const run = start(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/Electron’s binary could not be fetched/);
    expect(run.stderr).toContain('npm run web');
    expect(run.stderr).not.toMatch(/\bat \S+/);
  });

  it('says Electron is not installed when there is no electron package', () => {
    const run = start(project(null));
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('npm run web');
  });

  it('runs the installed binary on the app folder with the arguments given, and exits with its code', () => {
    const dir = project({ 'path.txt': 'electron' });
    writeFileSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), FAKE_BINARY);
    chmodSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), 0o755);
    const run = start(dir, ['--inspect']);
    expect(run.stdout.trim()).toBe('electron ran with: . --inspect');
    expect(run.status).toBe(3);
  });

  it('fetches a missing binary once with Electron’s installer, then runs it', () => {
    const install = `const fs = require('fs'); fs.writeFileSync(__dirname + '/path.txt', 'electron'); fs.writeFileSync(__dirname + '/dist/electron', ${JSON.stringify(FAKE_BINARY)}, { mode: 0o755 });`;
    const run = start(project({ 'install.js': install }));
    expect(run.stdout.trim()).toBe('electron ran with: .');
    expect(run.status).toBe(3);
  });

  it('is what npm start runs, and package.json states the Node versions the dependencies need', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines?: { node?: string } };
    expect(pkg.scripts.start).toBe('node scripts/build.mjs && node scripts/start-electron.mjs');
    // eslint 10 and vite 8 need ^20.19 / ^22.13 / 24+ (package-lock.json's engines fields).
    expect(pkg.engines?.node).toBe('^20.19.0 || ^22.13.0 || >=24');
  });
});
