import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv.js';

/** One labelled text: `flag` is what a good filter does with it. */
export interface LabelledCase {
  set: string;
  /** Class within the set: a HateCheck functionality, `spam`/`ham`, a Jigsaw or Davidson label. */
  group: string;
  text: string;
  flag: boolean;
  /** HateCheck: target identity and template, for held-out splits. */
  target?: string;
  template?: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The moderation fixtures folder: under `$TRIBUNE_FIXTURES_DIR` (the fixtures root, or its
 * `moderation` folder itself), else `../shared/fixtures` beside the repository, else the first
 * `shared/fixtures` found walking up from the repository's parent (a CI clone kept elsewhere).
 */
export function findFixturesDir(env: Record<string, string | undefined> = process.env): string | null {
  const roots: string[] = [];
  if (env.TRIBUNE_FIXTURES_DIR) roots.push(env.TRIBUNE_FIXTURES_DIR);
  for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
    roots.push(path.join(dir, 'shared/fixtures'));
    if (path.dirname(dir) === dir) break;
  }
  for (const root of roots) {
    for (const dir of [path.join(root, 'moderation'), root]) if (existsSync(path.join(dir, 'hatecheck'))) return dir;
  }
  return null;
}

/** The YouTube set is HTML-escaped ("I&#39;m", "<br />"): read it as the text people saw. */
function decodeHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\ufeff/g, '');
}

export function loadHateCheck(dir: string): LabelledCase[] {
  return parseCsvRecords(readFileSync(path.join(dir, 'hatecheck/test_suite_cases.csv'), 'utf8')).map((r) => ({
    set: 'hatecheck',
    group: r.functionality!,
    text: r.test_case!.trim(),
    flag: r.label_gold === 'hateful',
    target: r.target_ident,
    template: r.templ_id,
  }));
}

export function loadYouTube(dir: string): LabelledCase[] {
  const folder = path.join(dir, 'youtube-spam-collection');
  return readdirSync(folder).filter((f) => f.endsWith('.csv')).sort().flatMap((file) =>
    parseCsvRecords(readFileSync(path.join(folder, file), 'utf8')).map((r) => ({
      set: 'youtube',
      group: r.CLASS === '1' ? 'spam' : 'ham',
      text: decodeHtml(r.CONTENT!),
      flag: r.CLASS === '1',
    })),
  );
}

/** Jigsaw: toxic if any of the six labels is 1 (rows labelled -1, unscored, are skipped). */
export function loadJigsaw(dir: string): LabelledCase[] {
  const folder = path.join(dir, 'jigsaw-slices');
  const labels = ['toxic', 'severe_toxic', 'obscene', 'threat', 'insult', 'identity_hate'];
  return readdirSync(folder).filter((f) => f.endsWith('.csv')).sort().flatMap((file) =>
    parseCsvRecords(readFileSync(path.join(folder, file), 'utf8'))
      .filter((r) => labels.every((l) => r[l] === '0' || r[l] === '1'))
      .map((r) => {
        const on = labels.filter((l) => r[l] === '1');
        return { set: 'jigsaw', group: on.includes('threat') ? 'threat' : on.includes('identity_hate') ? 'identity_hate' : on.length ? 'toxic' : 'clean', text: r.comment_text!, flag: on.length > 0 };
      }),
  );
}

/** Davidson: class 0 hate, 1 offensive, 2 neither. Flagged = hate (offensive is measured, not a target). */
export function loadDavidson(dir: string): LabelledCase[] {
  return parseCsvRecords(readFileSync(path.join(dir, 'davidson-hate-offensive/data_labeled_data.csv'), 'utf8')).map((r) => ({
    set: 'davidson',
    group: r.class === '0' ? 'hate' : r.class === '1' ? 'offensive' : 'neither',
    text: decodeHtml(r.tweet!),
    flag: r.class === '0',
  }));
}
