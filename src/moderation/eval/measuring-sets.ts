import path from 'node:path';
import { CATEGORIES } from '../model/categories.js';
import { loadHateCheck, loadJigsaw, type LabelledCase } from './fixtures.js';
import { CHECKS_DIR, DEV_DIR, loadCivil, loadDavidsonExamples, loadGab, loadYouTubeExamples, readTsvFolder, type Example } from './learning-sets.js';

/** A case to measure: `flag` is what a good filter does; `name` is posted as the display name. */
export interface MeasuredCase {
  group: string;
  text: string;
  flag: boolean;
  name?: string;
  /** Neither a target nor ordinary (Davidson "offensive"): shown, left out of the summary. */
  neutral?: true;
}

export interface MeasuringSet {
  name: string;
  note: string;
  cases: MeasuredCase[];
  /** Only aggregate scores may be seen (training/checks/README.md): never print its rows. */
  neverShowRows?: true;
}

const testSplit = (examples: Example[]) => examples.filter((e) => e.split === 'test');
const labelled = (e: Example, category: string) => e.labels[CATEGORIES.indexOf(category as never)] === 1;

/** Civil test split: each comment under the worst type two raters marked; "not toxic" = ordinary. */
function civil(dir: string): MeasuredCase[] {
  return testSplit(loadCivil(dir)).flatMap((e) => {
    const group = ['threat', 'identity_attack', 'insult'].find((c) => labelled(e, c)) ?? (e.ordinary ? 'not_toxic' : null);
    return group ? [{ group, text: e.text, flag: group !== 'not_toxic' }] : [];
  });
}

function gab(dir: string): MeasuredCase[] {
  return testSplit(loadGab(dir)).flatMap((e) => {
    const group = labelled(e, 'threat') ? 'call_for_violence' : labelled(e, 'identity_attack') ? 'dehumanising' : e.ordinary ? 'none' : null;
    return group ? [{ group, text: e.text, flag: group !== 'none' }] : [];
  });
}

function davidson(dir: string): MeasuredCase[] {
  return testSplit(loadDavidsonExamples(dir)).map((e) => {
    const group = labelled(e, 'identity_attack') ? 'hate' : e.ordinary ? 'neither' : 'offensive';
    return { group, text: e.text, flag: group === 'hate', ...(group === 'offensive' ? { neutral: true as const } : {}) };
  });
}

function youtube(dir: string): MeasuredCase[] {
  return testSplit(loadYouTubeExamples(dir)).map((e) => ({ group: e.ordinary ? 'ham' : 'spam', text: e.text, flag: !e.ordinary }));
}

/** The team's measuring set (`category<TAB>name<TAB>text`): never learned from, only scored. */
export function loadChecks(folder = CHECKS_DIR): MeasuredCase[] {
  return readTsvFolder(folder).flatMap((r) => {
    const group = r.category?.trim();
    if (!group || (!r.text?.trim() && !r.name?.trim())) return [];
    return [{ group, text: r.text?.trim() || 'Thanks for the article.', flag: group !== 'ok', ...(r.name?.trim() ? { name: r.name.trim() } : {}) }];
  });
}

const asCases = (cases: LabelledCase[]): MeasuredCase[] => cases.map((c) => ({ group: c.group, text: c.text, flag: c.flag }));

export function loadMeasuringSets(dir: string): MeasuringSet[] {
  const sets: MeasuringSet[] = [
    { name: 'hatecheck', note: 'never learned from; per functional class (`_h` hateful, `_nh` not)', cases: asCases(loadHateCheck(dir)) },
    { name: 'civil-comments test split', note: 'types marked by 2+ raters; not_toxic = 2+ raters said not toxic', cases: civil(dir) },
    { name: 'youtube test split', note: 'spam / ham', cases: youtube(dir) },
    { name: 'davidson test split', note: 'flagged = hate; offensive is shown, not a target', cases: davidson(dir) },
    { name: 'gab test split', note: 'calls for violence, dehumanising; none = no label', cases: gab(dir) },
    { name: 'jigsaw slices', note: 'never learned from', cases: asCases(loadJigsaw(dir)) },
  ];
  const checks = loadChecks();
  if (checks.length > 0) sets.push({ name: 'team checks (training/checks)', note: 'never learned from or tuned to', cases: checks, neverShowRows: true });
  // The team's development set (training/dev/README.md): the dev half is read while improving, the held-out half only scored.
  const dev = loadChecks(path.join(DEV_DIR, 'dev'));
  if (dev.length > 0) sets.push({ name: 'team dev half (training/dev/dev)', note: 'written by the team for development; read while improving', cases: dev });
  const heldOut = loadChecks(path.join(DEV_DIR, 'held-out'));
  if (heldOut.length > 0) sets.push({ name: 'team held-out half (training/dev/held-out)', note: 'written with the dev half; scored only', cases: heldOut, neverShowRows: true });
  return sets;
}
