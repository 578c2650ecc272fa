/**
 * Scores the DEFAULT moderation settings against the labelled sets in ../shared/fixtures/moderation
 * (or TRIBUNE_FIXTURES_DIR). Every case is a fresh guest comment: empty history, pre-moderation
 * none, rate limits off. "Flagged" = hold, spam or reject.
 *
 *   npm run eval:moderation [-- --split odd|even] [-- --misses GROUP] [-- --json]
 */
import { InProcessRateLimitStore } from '../src/adapters/rate-limit/in-process.js';
import { findFixturesDir, loadDavidson, loadHateCheck, loadJigsaw, loadYouTube, type LabelledCase } from '../src/moderation/eval/fixtures.js';
import { createModerationPipeline } from '../src/moderation/pipeline.js';
import { loadConfig } from '../src/config.js';
import type { ModerationVerdict } from '../src/moderation/verdict.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const dir = findFixturesDir();
if (!dir) {
  console.error('Fixtures not found: set TRIBUNE_FIXTURES_DIR or put them in ../shared/fixtures/moderation');
  process.exit(1);
}

// The default settings, as a fresh site runs them, without per-client limits (every case is a new guest).
const settings = loadConfig({ TRIBUNE_PREMODERATION: 'none', TRIBUNE_RATE_LIMITS: 'off' }).moderation;
const counters = new InProcessRateLimitStore();
const pipeline = createModerationPipeline(settings, { counters, rateLimitsEnabled: false });

let serial = 0;
async function judge(c: LabelledCase): Promise<ModerationVerdict> {
  serial++;
  return pipeline.check({
    kind: 'comment',
    text: c.text,
    author: { name: 'Guest', email: null, website: null, ipHash: `eval-${serial}`, readerId: null },
    isEdit: false,
    // A thread per case: the labelled sets are not one discussion, and repeats across rows are not spam here.
    thread: { key: `eval-${serial}`, closed: false, premoderation: 'none' },
    history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
    now: Date.now(),
  });
}

interface Tally { tp: number; fp: number; fn: number; tn: number; n: number }
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0, n: 0 });
const add = (t: Tally, flag: boolean, flagged: boolean) => {
  t.n++;
  if (flag && flagged) t.tp++;
  else if (flag) t.fn++;
  else if (flagged) t.fp++;
  else t.tn++;
};
const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '–');
const precision = (t: Tally) => t.tp / (t.tp + t.fp);
const recall = (t: Tally) => t.tp / (t.tp + t.fn);
const fpr = (t: Tally) => t.fp / (t.fp + t.tn);

const split = option('split');
const hatecheck = loadHateCheck(dir).filter((c) => !split || (Number(c.template) % 2 === 1) === (split === 'odd'));
const sets: Array<[string, LabelledCase[]]> = [
  ['hatecheck', hatecheck],
  ['youtube', loadYouTube(dir)],
  ['jigsaw', loadJigsaw(dir)],
  ['davidson', loadDavidson(dir)],
];
const missesOf = option('misses');
const started = performance.now();
const results: Record<string, unknown> = {};
const lines: string[] = [];
const out = (s = '') => lines.push(s);

for (const [name, cases] of sets) {
  const all = tally();
  const groups = new Map<string, Tally>();
  const decisions = new Map<string, Map<string, number>>();
  for (const c of cases) {
    const verdict = await judge(c);
    const flagged = verdict.decision !== 'publish';
    add(all, c.flag, flagged);
    if (!groups.has(c.group)) groups.set(c.group, tally());
    add(groups.get(c.group)!, c.flag, flagged);
    const byPhase = decisions.get(c.group) ?? new Map<string, number>();
    const phase = verdict.reasons[0]?.phase ?? 'publish';
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
    decisions.set(c.group, byPhase);
    if (missesOf && (c.group === missesOf || missesOf === name) && flagged !== c.flag) {
      console.log(`${c.flag ? 'MISS' : 'FP  '} [${c.group}] ${c.text.slice(0, 160).replace(/\n/g, ' ')} ${flagged ? `→ ${verdict.decision} ${verdict.reasons[0]!.phase} ${JSON.stringify(verdict.reasons[0]!.matched)}` : ''}`);
    }
  }
  out(`\n## ${name} (${cases.length} cases)`);
  out(`overall: precision ${pct(precision(all))}, recall ${pct(recall(all))}, false-positive rate ${pct(fpr(all))}`);
  out(`| class | n | flagged | precision | recall | false positives | deciding phases |`);
  out(`| --- | ---: | ---: | ---: | ---: | ---: | --- |`);
  for (const [group, t] of [...groups.entries()].sort()) {
    const phases = [...decisions.get(group)!.entries()].filter(([p]) => p !== 'publish').sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ');
    const anyFlag = t.tp + t.fn > 0;
    out(`| ${group} | ${t.n} | ${t.tp + t.fp} | ${anyFlag ? pct(precision(t)) : '–'} | ${anyFlag ? pct(recall(t)) : '–'} | ${anyFlag ? '–' : pct(fpr(t))} | ${phases} |`);
  }
  if (name === 'hatecheck') {
    const hateful = tally();
    const nh = tally();
    const spell = tally();
    for (const [group, t] of groups) {
      const target = group.endsWith('_h') ? hateful : nh;
      for (const k of ['tp', 'fp', 'fn', 'tn', 'n'] as const) target[k] += t[k];
      if (group.startsWith('spell_')) for (const k of ['tp', 'fp', 'fn', 'tn', 'n'] as const) spell[k] += t[k];
    }
    out(`hateful recall ${pct(recall(hateful))} (target ≥ 80%), spelling-obfuscation recall ${pct(recall(spell))} (target ≥ 80%), non-hateful flagged ${pct(fpr(nh))} (target < 10%)`);
    results.hatecheck = { hatefulRecall: recall(hateful), spellRecall: recall(spell), nonHatefulFlagged: fpr(nh), precision: precision(all) };
  }
  if (name === 'youtube') {
    out(`spam recall ${pct(recall(all))} (target ≥ 80%), ham flagged ${pct(fpr(all))} (target < 5%)`);
    results.youtube = { spamRecall: recall(all), hamFlagged: fpr(all), precision: precision(all) };
  }
}
out(`\n${sets.reduce((n, [, c]) => n + c.length, 0)} cases in ${((performance.now() - started) / 1000).toFixed(1)} s${split ? ` (HateCheck templates: ${split} ids only)` : ''}`);
if (args.includes('--json')) console.log(JSON.stringify(results));
else console.log(lines.join('\n'));
await counters.close();
