/**
 * What ran in one window of a V8 CPU profile (node --cpu-prof): the functions with the most
 * samples there, by self time and by inclusive time (each with its file:line), e.g. the longest
 * stall a bench printed the monotonic µs of.
 *
 *   npx esbuild bench/lib/profile-window.ts --platform=node --format=cjs --outfile=/tmp/profile-window.cjs
 *   node /tmp/profile-window.cjs <profile.cpuprofile> <fromUs> <toUs>
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [path, from, to] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(path!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let t = profile.startTime;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (t < Number(from) || t > Number(to)) continue;
  total += dt;
  const leaf = byId.get(profile.samples[i]!)!;
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
    const key = name(byId.get(id)!);
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    seen.add(key);
  }
}
const top = (m: Map<string, number>): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, v]) => `  ${(v / 1000).toFixed(1)} ms  ${k}`)
    .join('\n');
console.log(`${(total / 1000).toFixed(1)} ms of samples in the window (profile ${profile.startTime}–${t} µs)\nself:\n${top(self)}\ninclusive:\n${top(inclusive)}`);
