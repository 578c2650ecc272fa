import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CATEGORIES, type Category } from '../model/categories.js';
import { parseCsvRecords } from './csv.js';
import { loadDavidson, loadYouTube, repoRoot } from './fixtures.js';

/**
 * The sets the model learns from, labelled per category. A label is 1 (this is it), 0 (this is
 * not it) or -1 (the set does not say: left out of that category's learning and measuring).
 * Text that raters called ordinary is a 0 for every category.
 */
export interface Example {
  set: 'civil' | 'gab' | 'davidson' | 'youtube' | 'authored' | 'site';
  text: string;
  labels: Int8Array;
  /** Called harmless by its raters (Civil "not toxic", YouTube ham, Davidson neither, Gab none). */
  ordinary: boolean;
  split: Split;
}

export type Split = 'train' | 'validation' | 'test';

const UNKNOWN = -1;
const index = (c: Category) => CATEGORIES.indexOf(c);

function labels(fill: number, set: Partial<Record<Category, number>> = {}): Int8Array {
  const out = new Int8Array(CATEGORIES.length).fill(fill);
  for (const [c, v] of Object.entries(set)) out[index(c as Category)] = v;
  return out;
}

/** 70 / 15 / 15 by a seeded hash of the text: fixed across runs, and duplicates share a split. */
export function splitOf(set: string, text: string, seed = 20_261_201): Split {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const key = `${set}\u0000${text.trim().toLowerCase()}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  const x = (h >>> 0) / 4_294_967_296;
  return x < 0.7 ? 'train' : x < 0.85 ? 'validation' : 'test';
}

const example = (set: Example['set'], text: string, l: Int8Array, ordinary: boolean): Example => ({ set, text, labels: l, ordinary, split: splitOf(set, text) });

/**
 * Civil Comments toxic spans: a type is present when two or more raters marked a span of it,
 * absent when none did; one rater alone is too weak to say either way.
 */
export function loadCivil(dir: string): Example[] {
  const folder = path.join(dir, 'civil-comments-toxic-spans');
  const comments = parseCsvRecords(readFileSync(path.join(folder, 'comments.csv'), 'utf8'));
  const annotations = parseCsvRecords(readFileSync(path.join(folder, 'annotations.csv'), 'utf8'));
  const spans = parseCsvRecords(readFileSync(path.join(folder, 'spans.csv'), 'utf8'));
  const commentOf = new Map<string, string>();
  const notToxic = new Map<string, number>();
  for (const a of annotations) {
    commentOf.set(a.annotation!, a.comment_id!);
    if (a['not toxic'] === 'True') notToxic.set(a.comment_id!, (notToxic.get(a.comment_id!) ?? 0) + 1);
  }
  const TYPES: Record<string, Category> = { Threat: 'threat', 'Identity based Attack': 'identity_attack', Insult: 'insult' };
  const raters = new Map<string, Map<Category, Set<string>>>();
  for (const s of spans) {
    const category = TYPES[s.type!];
    const comment = commentOf.get(s.annotation!);
    if (!category || !comment) continue;
    const byType = raters.get(comment) ?? new Map<Category, Set<string>>();
    const who = byType.get(category) ?? new Set<string>();
    who.add(s.annotation!);
    byType.set(category, who);
    raters.set(comment, byType);
  }
  return comments.map((c) => {
    const l = labels(UNKNOWN, { spam: 0 });
    let marked = false;
    for (const category of ['threat', 'identity_attack', 'insult'] as const) {
      const n = raters.get(c.comment_id!)?.get(category)?.size ?? 0;
      l[index(category)] = n >= 2 ? 1 : n === 0 ? 0 : UNKNOWN;
      marked ||= n >= 2;
    }
    // Some comments had more raters: two spans of a type outweigh two "not toxic" votes.
    const ordinary = !marked && (notToxic.get(c.comment_id!) ?? 0) >= 2;
    if (ordinary) l.fill(0);
    return example('civil', c.comment_text!, l, ordinary);
  });
}

/** Gab Hate Corpus: `cv` calls for violence = threat, `hd` assaults on dignity = identity attack. */
export function loadGab(dir: string): Example[] {
  const folder = path.join(dir, 'gab-hate-corpus');
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const file of ['ghc_train.tsv', 'ghc_test.tsv']) {
    const rows = readFileSync(path.join(folder, file), 'utf8').split('\n').slice(1);
    for (const row of rows) {
      const cells = row.split('\t');
      if (cells.length < 4) continue;
      const text = unquoteTsv(cells.slice(0, -3).join('\t'));
      const [hd, cv, vo] = cells.slice(-3).map((v) => v.trim() === '1');
      if (!text || seen.has(text)) continue;
      seen.add(text);
      const ordinary = !hd && !cv && !vo;
      const l = ordinary ? labels(0) : labels(UNKNOWN, { threat: cv ? 1 : 0, identity_attack: hd ? 1 : 0, spam: 0 });
      out.push(example('gab', text, l, ordinary));
    }
  }
  return out;
}

function unquoteTsv(cell: string): string {
  const t = cell.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/**
 * Davidson: hate = identity attack. "Offensive" is mostly slang and profanity that its raters
 * did not call hate, so it is not an identity attack, and too mixed to say insult either way.
 */
export function loadDavidsonExamples(dir: string): Example[] {
  return loadDavidson(dir).map((c) => {
    const text = c.text.replace(/@\w+:?/g, '@user').replace(/\bRT\b/g, '').trim();
    if (c.group === 'neither') return example('davidson', text, labels(0), true);
    return example('davidson', text, labels(UNKNOWN, { identity_attack: c.group === 'hate' ? 1 : 0, spam: 0 }), false);
  });
}

/** YouTube: spam is spam; ham is ordinary. */
export function loadYouTubeExamples(dir: string): Example[] {
  return loadYouTube(dir).map((c) => (c.flag ? example('youtube', c.text, labels(UNKNOWN, { spam: 1, threat: 0, identity_attack: 0, self_harm: 0, sexual_harassment: 0 }), false) : example('youtube', c.text, labels(0), true)));
}

export const AUTHORED_DIR = path.join(repoRoot, 'training/authored');
export const CHECKS_DIR = path.join(repoRoot, 'training/checks');
/** The team's development set: measured, never learned from (training/dev/README.md). */
export const DEV_DIR = path.join(repoRoot, 'training/dev');

/** Tab-separated files with a header row; missing folder: none. */
export function readTsvFolder(folder: string): Array<Record<string, string>> {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.tsv')).sort().flatMap((file) => {
    const [head, ...rows] = readFileSync(path.join(folder, file), 'utf8').split(/\r?\n/);
    const columns = (head ?? '').split('\t').map((h) => h.trim());
    return rows.filter((r) => r.trim()).map((r) => {
      const cells = r.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, i === columns.length - 1 ? cells.slice(i).join('\t') : (cells[i] ?? '')]));
    });
  });
}

/** The team's written examples (`category<TAB>text`): learned from; split like the rest. */
export function loadAuthored(folder = AUTHORED_DIR): Example[] {
  return readTsvFolder(folder).flatMap((r) => {
    const category = r.category?.trim();
    const text = r.text?.trim();
    if (!text || !category) return [];
    if (category === 'ok') return [example('authored', text, labels(0), true)];
    if (!(CATEGORIES as readonly string[]).includes(category)) return [];
    return [example('authored', text, labels(UNKNOWN, { [category]: 1, ...(category === 'spam' ? {} : { spam: 0 }) }), false)];
  });
}

export function loadLearningSets(dir: string): Example[] {
  return [...loadCivil(dir), ...loadGab(dir), ...loadDavidsonExamples(dir), ...loadYouTubeExamples(dir), ...loadAuthored()];
}
