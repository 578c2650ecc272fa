/**
 * Trains the moderation model from the learning sets (never from HateCheck or the Jigsaw slices)
 * and the team's written examples in training/authored/*.tsv; writes
 * src/moderation/model/moderation-model.bin. Same inputs, same bytes.
 *
 *   npm run train:moderation [-- --with-site-decisions] [-- --out FILE]
 *
 * --with-site-decisions adds what this site's moderators decided on held comments (approved:
 * ordinary; rejected or spam: the category it was held for), read from the database the usual
 * settings name (DATABASE_URL, else the SQLite file in TRIBUNE_DATA_DIR).
 */
import { writeFileSync } from 'node:fs';
import { args, fixturesDirOrExit, option } from './moderation-cli.js';
import { loadLearningSets, type Example } from '../src/moderation/eval/learning-sets.js';
import { CATEGORIES } from '../src/moderation/model/categories.js';
import { extractFeatures } from '../src/moderation/model/features.js';
import { modelPath } from '../src/moderation/model/model.js';
import { contextFor } from '../src/moderation/model/reading.js';
import { chooseThresholds, pointAt, type Scored } from '../src/moderation/model/thresholds.js';
import { featurize, quantize, train, type TrainOptions } from '../src/moderation/model/train.js';

const dir = fixturesDirOrExit('Learning sets');

const started = performance.now();
const examples: Example[] = loadLearningSets(dir);
if (args.includes('--with-site-decisions')) {
  const { loadSiteDecisions } = await import('../src/moderation/eval/site-decisions.js');
  const site = await loadSiteDecisions();
  console.log(`site decisions: ${site.length} held comments decided by moderators`);
  examples.push(...site);
}

const options: TrainOptions = { bits: 18, epochs: 8, learningRate: 0.1, l2: 1e-6, maxPositiveWeight: 10, seed: 7 };
const trainSet = examples.filter((e) => e.split === 'train');
const validation = examples.filter((e) => e.split === 'validation');
const matrix = featurize(trainSet.map((e) => e.text), options.bits);
console.log(`read ${examples.length} examples (${trainSet.length} to learn from) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const trained = train(matrix, trainSet.map((e) => e.labels), options);
console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const counts: Record<string, Record<string, [number, number]>> = {};
for (const e of trainSet) {
  const bySet = (counts[e.set] ??= {});
  CATEGORIES.forEach((c, i) => {
    const n = (bySet[c] ??= [0, 0]);
    if (e.labels[i] === 1) n[0]++;
    else if (e.labels[i] === 0) n[1]++;
  });
}
const trainedOn = { options, positivesAndNegatives: counts, sets: [...new Set(examples.map((e) => e.set))] };

// Thresholds are read off the quantised model, the one that ships, on validation only.
const draft = quantize(trained, options.bits, Object.fromEntries(CATEGORIES.map((c) => [c, { hold: null, reject: null }])) as never, trainedOn);
const scored: Scored[] = validation.map((e) => {
  const ctx = contextFor(e.text);
  return { set: e.set, labels: e.labels, ordinary: e.ordinary, scores: draft.score(extractFeatures(ctx.analysis, ctx.links, options.bits)) };
});
const thresholds = chooseThresholds(scored);
const model = quantize(trained, options.bits, thresholds, trainedOn);

const out = option('out') ?? modelPath();
const bytes = model.serialize();
writeFileSync(out, bytes);
console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log('validation, at the chosen hold threshold:');
console.log('| category | hold | reject | precision | recall | positives | most ordinary flagged in one set |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
CATEGORIES.forEach((c, i) => {
  const t = thresholds[c];
  if (t.hold === null) return console.log(`| ${c} | off | off | – | – | 0 | – |`);
  const p = pointAt(scored, i, t.hold);
  console.log(`| ${c} | ${t.hold} | ${t.reject ?? 'off'} | ${(100 * p.precision).toFixed(1)}% | ${(100 * p.recall).toFixed(1)}% | ${p.positives} | ${(100 * p.ordinary).toFixed(1)}% |`);
});
if (args.includes('--curves')) {
  CATEGORIES.forEach((c, i) => {
    const rows = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((t) => pointAt(scored, i, t)).map((p) => `${p.threshold}: P ${(100 * p.precision).toFixed(0)} R ${(100 * p.recall).toFixed(0)} O ${(100 * p.ordinary).toFixed(1)}`);
    console.log(c, rows.join(' | '));
  });
}
