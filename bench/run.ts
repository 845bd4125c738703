import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEnv, stopEnv, type BenchEnv } from './lib/env';
import { markdownTable, type Figure } from './lib/figures';
import { imapIdle } from './scenarios/imap-idle';
import { imapInitialSync } from './scenarios/imap-initial';
import { imapResync } from './scenarios/imap-resync';
import { largeFolder } from './scenarios/large-folder';
import { popDownload } from './scenarios/pop-download';
import { bulkSelectScenarios } from './scenarios/bulk-select';
import { conversationScenarios } from './scenarios/conversations';
import { searchScenarios } from './scenarios/search';

/**
 * `npm run bench`: the client against the raw protocol and storage limits, measured in the same
 * run on the same data. Prints one table and writes it, with every run's numbers, to bench/results.
 */
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: '1,3,4,5,6,8,9,10' },
    'idle-minutes': { type: 'string', default: '10' },
    'update-readme': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(args.runs));
const idleMinutes = Number(args['idle-minutes']);
const only = new Set(args.only.split(',').map((s) => s.trim()));
const ROOT = join(__dirname, '..', '..');

type Scenario = (env: BenchEnv) => Promise<Figure[]>;

const SCENARIOS: Array<[string, string, Scenario]> = [
  // Scenario 2 (the first screen) is measured inside the syncs of scenario 1.
  ['1', 'IMAP initial sync of 10,000 and 50,000 messages (and 2, the first screen)', async (env) => [...(await imapInitialSync(env, 10_000, runs)), ...(await imapInitialSync(env, 50_000, runs))]],
  ['3', 'IMAP resync after 10 flag changes elsewhere, 10,000 and 50,000 messages', (env) => imapResync(env, runs)],
  ['4', 'IMAP IDLE: a change elsewhere until it is visible', (env) => imapIdle(env, Math.max(runs, 5))],
  ['5', 'POP download of 2,000 and 10,000 messages, and a nothing-new check', (env) => popDownload(env, runs)],
  // Scenario 7 (memory and idle CPU) follows scenario 6 on the same 100,000-message cache.
  ['6', 'Renderer with a 100,000-message folder (and 7, memory and idle CPU)', (env) => largeFolder(env, runs, idleMinutes)],
  ['8', 'Search: the index of 50,000 bodies built in the background, body words over 50,000 bodies, operators over 100,000 headers', (env) => searchScenarios(env, runs)],
  ['9', 'The 100,000-message folder as conversations: first paint and scrolling', (env) => conversationScenarios(env, runs)],
  ['10', 'Selecting all of 100,000 messages and marking them read, against the same write done raw with Dexie', (env) => bulkSelectScenarios(env, runs)],
];

async function main(): Promise<void> {
  const started = new Date();
  const figures: Figure[] = [];
  const profileDir = args['cpu-prof'] ? join(ROOT, 'bench', 'results', 'profiles') : null;
  const env = await startEnv({ coreNodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [], profileDir });
  try {
    for (const [id, title, scenario] of SCENARIOS) {
      if (!only.has(id)) continue;
      console.log(`Scenario ${id}: ${title}`);
      figures.push(...(await scenario(env)));
    }
  } finally {
    await stopEnv(env);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = markdownTable(figures);
  const heading = `Measured ${started.toISOString().slice(0, 10)} on ${machine}; ${runs} runs each, median (min–max).`;
  console.log(`\n${heading}\n\n${table}\n`);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify({ started: started.toISOString(), machine, runs, figures }, null, 2));
  writeFileSync(join(dir, 'latest.md'), `${heading}\n\n${table}\n`);
  console.log(`Wrote bench/results/${stamp}.json and bench/results/latest.md`);
  if (args['update-readme']) updateReadme(`${heading}\n\n${table}`);
}

/** Replaces the table between the README's bench markers. */
function updateReadme(section: string): void {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const pattern = /(<!-- bench:start -->\n)[\s\S]*?(\n<!-- bench:end -->)/;
  if (!pattern.test(readme)) throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> section');
  writeFileSync(path, readme.replace(pattern, `$1${section}$2`));
  console.log('Updated the table in README.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
