/**
 * Measures the moderation three ways side by side: the rules alone (every phase but the learned
 * model), the model alone, and the pipeline as shipped, on the measuring sets: HateCheck and the
 * Jigsaw slices (never learned from), the test splits of the learning sets, the team's
 * training/checks/*.tsv if present, and the team's development set (training/dev: the dev half,
 * whose misses `--misses "team dev"` lists, and the held-out half, scored only). Default settings, every case a fresh guest, pre-moderation
 * none, rate limits off. "Flagged" = hold, spam or reject.
 *
 *   npm run eval:moderation [-- --model FILE] [-- --with-site-decisions] [-- --misses SET] [-- --json]
 *   TRIBUNE_MODEL_INSULT_HOLD=0.9 npm run eval:moderation   (measure a threshold other than the validated one)
 *
 * --model scores another model file in place of the committed one (e.g. one retrained with
 * --with-site-decisions); --with-site-decisions adds the test split of this site's moderator
 * decisions as a set.
 */
import { readFileSync } from 'node:fs';
import { InProcessRateLimitStore } from '../src/adapters/rate-limit/in-process.js';
import { loadConfig } from '../src/config.js';
import { args, fixturesDirOrExit, option } from './moderation-cli.js';
import { loadMeasuringSets, type MeasuredCase, type MeasuringSet } from '../src/moderation/eval/measuring-sets.js';
import { useModerationModel } from '../src/moderation/model/classifier.js';
import { ModerationModel } from '../src/moderation/model/model.js';
import { PHASES, createModerationPipeline, type ModerationPipeline } from '../src/moderation/pipeline.js';
import { classifierHarm, classifierSoft } from '../src/moderation/phases/classifier.js';
import type { ModerationInput, ModerationVerdict } from '../src/moderation/verdict.js';

const dir = fixturesDirOrExit('Measuring sets');
const modelFile = option('model');
if (modelFile) useModerationModel(ModerationModel.parse(readFileSync(modelFile)));

// The model's own settings (TRIBUNE_MODEL, TRIBUNE_MODEL_<CATEGORY>_HOLD/_REJECT) pass through, to measure a choice.
const modelSettings = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TRIBUNE_MODEL')));
const settings = loadConfig({ ...modelSettings, TRIBUNE_PREMODERATION: 'none', TRIBUNE_RATE_LIMITS: 'off' }).moderation;
const counters = new InProcessRateLimitStore();
const modelPhases = [classifierHarm, classifierSoft];
const configurations: Array<[string, ModerationPipeline]> = [
  ['rules', createModerationPipeline(settings, { counters, rateLimitsEnabled: false }, PHASES.filter((p) => !modelPhases.includes(p)))],
  ['model', createModerationPipeline(settings, { counters, rateLimitsEnabled: false }, modelPhases)],
  ['shipped', createModerationPipeline(settings, { counters, rateLimitsEnabled: false })],
];

let serial = 0;
function inputOf(kind: ModerationInput['kind'], text: string, name: string): ModerationInput {
  serial++;
  return {
    kind,
    text,
    author: { name, email: null, website: null, ipHash: `eval-${serial}`, readerId: null },
    isEdit: false,
    // A thread per case: the labelled sets are not one discussion, and repeats across rows are not spam here.
    thread: { key: `eval-${serial}`, closed: false, premoderation: 'none' },
    history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
    now: Date.now(),
  };
}

/** A case is stopped when its display name or its text is. */
async function judge(pipeline: ModerationPipeline, c: MeasuredCase): Promise<ModerationVerdict> {
  if (c.name) {
    const byName = await pipeline.check(inputOf('name', c.name, c.name));
    if (byName.decision !== 'publish') return byName;
  }
  return pipeline.check(inputOf('comment', c.text, c.name ?? 'Guest'));
}

interface Tally { hit: number; n: number }
const pct = (t: Tally) => (t.n ? `${((100 * t.hit) / t.n).toFixed(1)}%` : '–');

const sets: MeasuringSet[] = loadMeasuringSets(dir);
if (args.includes('--with-site-decisions')) {
  const { loadSiteDecisions } = await import('../src/moderation/eval/site-decisions.js');
  const site = (await loadSiteDecisions()).filter((e) => e.split === 'test');
  sets.push({ name: 'site decisions test split', note: 'held comments this site\'s moderators approved (ordinary) or rejected', cases: site.map((e) => ({ group: e.ordinary ? 'approved' : 'rejected', text: e.text, flag: !e.ordinary })) });
}

const missesOf = option('misses');
const started = performance.now();
const lines: string[] = [];
const out = (s = '') => lines.push(s);
const summary: Record<string, Record<string, { recall: number; ordinaryFlagged: number; precision: number }>> = {};

for (const set of sets) {
  const groups = new Map<string, { flag: boolean; neutral: boolean; by: Record<string, Tally> }>();
  const totals: Record<string, { tp: number; fn: number; fp: number; tn: number }> = {};
  for (const c of set.cases) {
    const g = groups.get(c.group) ?? { flag: c.flag, neutral: Boolean(c.neutral), by: {} };
    groups.set(c.group, g);
    for (const [config, pipeline] of configurations) {
      const verdict = await judge(pipeline, c);
      const flagged = verdict.decision !== 'publish';
      const t = (g.by[config] ??= { hit: 0, n: 0 });
      t.n++;
      if (flagged) t.hit++;
      if (!c.neutral) {
        const s = (totals[config] ??= { tp: 0, fn: 0, fp: 0, tn: 0 });
        if (c.flag) s[flagged ? 'tp' : 'fn']++;
        else s[flagged ? 'fp' : 'tn']++;
      }
      if (missesOf && config === 'shipped' && set.name.startsWith(missesOf) && !set.neverShowRows && flagged !== c.flag && !c.neutral) {
        console.log(`${c.flag ? 'MISS' : 'FP  '} [${c.group}] ${c.name ? `(${c.name}) ` : ''}${c.text.slice(0, 160).replace(/\n/g, ' ')} ${flagged ? `→ ${verdict.decision} ${verdict.reasons[0]!.phase} ${JSON.stringify(verdict.reasons[0]!.matched)}` : ''}`);
      }
    }
  }
  out(`\n### ${set.name} (${set.cases.length} cases; ${set.note})`);
  out('');
  out('| | rules | model | shipped |');
  out('| --- | ---: | ---: | ---: |');
  summary[set.name] = {};
  const row = (label: string, f: (config: string) => string) => out(`| ${label} | ${configurations.map(([n]) => f(n)).join(' | ')} |`);
  const rate = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  row('**recall** (abusive stopped)', (n) => rate(totals[n]!.tp, totals[n]!.tp + totals[n]!.fn));
  row('**ordinary flagged**', (n) => rate(totals[n]!.fp, totals[n]!.fp + totals[n]!.tn));
  row('precision', (n) => rate(totals[n]!.tp, totals[n]!.tp + totals[n]!.fp));
  for (const [config] of configurations) {
    const t = totals[config]!;
    summary[set.name]![config] = { recall: t.tp / (t.tp + t.fn), ordinaryFlagged: t.fp / (t.fp + t.tn), precision: t.tp / (t.tp + t.fp) };
  }
  for (const [group, g] of [...groups.entries()].sort((a, b) => Number(b[1].flag) - Number(a[1].flag) || a[0].localeCompare(b[0]))) {
    row(`${group} (${g.by.rules!.n}, ${g.flag ? 'stopped' : g.neutral ? 'flagged, not counted' : 'wrongly flagged'})`, (n) => pct(g.by[n]!));
  }
}
out(`\n${sets.reduce((n, s) => n + s.cases.length, 0)} cases × ${configurations.length} configurations in ${((performance.now() - started) / 1000).toFixed(1)} s${modelFile ? ` (model: ${modelFile})` : ''}`);
if (args.includes('--json')) console.log(JSON.stringify(summary));
else console.log(lines.join('\n'));
await counters.close();
