/**
 * Speed of the whole moderation pipeline, the learned model included: a 1,000-character comment
 * with 5,000 banned and suspect terms loaded (issue 6: median under 0.5 ms). Baselines in the
 * same run: the same text through a plain `String.prototype.includes` loop over the 5,000 terms,
 * an empty pipeline (the cost of the harness itself), the pipeline with the model off, and the
 * model's own scoring of the comment (issue 6: under 0.2 ms), with the time to load it.
 *
 *   npm run bench:moderation [-- --iterations 5000]
 */
import { InProcessRateLimitStore } from '../src/adapters/rate-limit/in-process.js';
import { readFileSync } from 'node:fs';
import { createModerationPipeline } from '../src/moderation/pipeline.js';
import { extractFeatures } from '../src/moderation/model/features.js';
import { ModerationModel, modelPath } from '../src/moderation/model/model.js';
import { contextFor } from '../src/moderation/model/reading.js';
import { defaultModerationSettings, type ModerationSettings } from '../src/moderation/settings.js';
import type { ModerationInput } from '../src/moderation/verdict.js';
import { seededRandom } from '../src/shared/seeded-random.js';

const args = process.argv.slice(2);
const iterations = Number(args[args.indexOf('--iterations') + 1]) || 5000;

/** Deterministic pronounceable made-up terms, some of two words, so they match nothing by accident. */
function makeTerms(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const syllables = ['zor', 'quib', 'vex', 'dral', 'krin', 'plox', 'murg', 'thwa', 'snee', 'grob', 'yalt', 'fesk', 'wump', 'zinth', 'brox', 'clav'];
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syllables[Math.floor(next() * syllables.length)]).join('');
  const terms = new Set<string>();
  while (terms.size < count) terms.add(next() < 0.1 ? `${word()} ${word()}` : word());
  return [...terms];
}

const generated = makeTerms(5000, 1);
const banned = generated.slice(0, 2500);
const suspect = generated.slice(2500);
const comment = (
  'The harbour council met on Tuesday to discuss the ferry timetable, and once again the 7:15 crossing was the main topic. ' +
  'Residents of the north shore say the boat has been late on most mornings since the new operator took over in spring, ' +
  'and several of them asked why the penalty clauses in the contract have never been used. The operator blamed the weather ' +
  'and a shortage of trained crew. I have taken that ferry for eleven years and I think the problem is simpler: the schedule ' +
  'leaves no time to load the lorries. Your reporter is right that the minutes of the last meeting are still not online. ' +
  'Could the paper ask the council to publish them, and the passenger numbers too? Thanks for covering this so carefully!'
).slice(0, 1000).padEnd(1000, ' ');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function measure(name: string, run: (i: number) => unknown): Promise<{ name: string; median: number; p99: number }> {
  for (let i = 0; i < 300; i++) await run(-i - 1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const input = (i: number): ModerationInput => ({
  kind: 'comment',
  text: comment,
  author: { name: 'Maren Olsen', email: `reader${i}@example.org`, website: null, ipHash: `ip-${i}`, readerId: null },
  isEdit: false,
  thread: { key: `ferry-${i}`, closed: false },
  history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
  form: { honeypot: '', startedAt: Date.now() - 60_000 },
  now: Date.now(),
});

const counters = new InProcessRateLimitStore();
const settings: ModerationSettings = { ...defaultModerationSettings, bannedWords: banned, suspectWords: suspect };
const built = performance.now();
const full = createModerationPipeline(settings, { counters });
const buildMs = performance.now() - built;
const noTerms = createModerationPipeline(defaultModerationSettings, { counters });
const empty = createModerationPipeline(defaultModerationSettings, { counters }, []);
const withoutModel = createModerationPipeline({ ...settings, model: false }, { counters });
const terms = [...banned, ...suspect];
const loadStarted = performance.now();
const model = ModerationModel.parse(readFileSync(modelPath()));
const loadMs = performance.now() - loadStarted;
const analysed = contextFor(comment);

const check = await full.check(input(-1000));
if (check.decision !== 'publish') throw new Error(`the benchmark comment should pass: ${JSON.stringify(check)}`);

const results = [
  await measure('includes() loop over the 5,000 terms (baseline)', () => {
    const lower = comment.toLowerCase();
    let hits = 0;
    for (const t of terms) if (lower.includes(t)) hits++;
    return hits;
  }),
  await measure('empty pipeline (harness baseline)', (i) => empty.check(input(i))),
  await measure('whole pipeline, built-in lists only', (i) => noTerms.check(input(i + 1_000_000))),
  await measure('whole pipeline, 5,000 extra terms, model off', (i) => withoutModel.check(input(i + 3_000_000))),
  await measure('the model alone: hashed features and six scores, on text the pipeline has read', () => model.score(extractFeatures(analysed.analysis, analysed.links, model.header.bits))),
  await measure('whole pipeline, 5,000 extra terms, with the model', (i) => full.check(input(i + 2_000_000))),
];
await counters.close();

const base = results[0]!.median;
console.log(`moderation pipeline, 1,000-character comment, ${terms.length} banned + suspect terms, ${iterations} runs each (Node ${process.version})`);
console.log(`building the vocabulary with 5,000 terms: ${buildMs.toFixed(0)} ms (once, at start-up); loading the model: ${loadMs.toFixed(1)} ms (once)`);
console.log('| what | median | p99 | median vs includes() loop |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.median.toFixed(3)} ms | ${r.p99.toFixed(3)} ms | ${(r.median / base).toFixed(2)}× |`);
const whole = results[5]!.median < 0.5;
const alone = results[4]!.median < 0.2;
console.log(`targets: whole pipeline median < 0.5 ms ${whole ? 'met' : 'MISSED'}; model < 0.2 ms ${alone ? 'met' : 'MISSED'}; model load < 300 ms ${loadMs < 300 ? 'met' : 'MISSED'}`);
