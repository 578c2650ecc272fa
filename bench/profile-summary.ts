/**
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. from `bench/run.ts --profile DIR`): where the
 * Tribune process spent its time, by function (self time) and by package or source folder.
 *
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [--top 25] [--from S] [--to S]
 *
 * `--from`/`--to` keep only the samples taken that many seconds after the profile started (a
 * benchmark's log says when each measurement ran), so seeding does not hide one measurement.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, from: { type: 'string' }, to: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: profile-summary.ts FILE.cpuprofile [--top 25]');
  process.exit(2);
}
const top = Number(values.top) || 25;
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const fromUs = values.from === undefined ? -Infinity : Number(values.from) * 1e6;
const toUs = values.to === undefined ? Infinity : Number(values.to) * 1e6;
if (Number.isNaN(fromUs) || Number.isNaN(toUs)) {
  console.error('--from and --to are seconds after the profile started');
  process.exit(2);
}
const selfMs = new Map<number, number>();
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  if (elapsedUs < fromUs || elapsedUs > toUs) return;
  selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package>, src/<folder>, web/<folder>, node:<module>, or the V8 category. */
function area(url: string, name: string): string {
  if (!url) return `(${name || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|web)\/(.*)\/[^/]+$/.exec(url) ?? /\/(src|web)\/([^/]+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\//, '');
}

const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = area(url, functionName);
  const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  byArea.set(where, (byArea.get(where) ?? 0) + ms);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled`);
print('Self time by package or source folder', byArea);
print('Self time by function', byFunction);
