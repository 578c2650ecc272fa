import { loadConfig } from '../../config.js';
import { openDatabase } from '../../store/db.js';
import { Store } from '../../store/store.js';
import { CATEGORIES, type Category } from '../model/categories.js';
import type { ModerationReason } from '../verdict.js';
import { splitOf, type Example } from './learning-sets.js';

/** The category a held comment was held for, read from its first reason's code. */
export function categoryOfReasons(reasons: readonly ModerationReason[]): Category | null {
  const code = reasons[0]?.code ?? '';
  if (code.startsWith('model_')) {
    const category = code.slice('model_'.length);
    return (CATEGORIES as readonly string[]).includes(category) ? (category as Category) : null;
  }
  const byCode: Record<string, Category> = { threat: 'threat', self_harm: 'self_harm', hate: 'identity_attack', insult: 'insult' };
  if (byCode[code]) return byCode[code];
  if (['spam-patterns', 'akismet', 'link-limit'].includes(reasons[0]?.phase ?? '')) return 'spam';
  return null;
}

/**
 * A moderator's decision as a labelled example. Approved: ordinary, a 0 for every category.
 * Marked spam: spam. Rejected: the category it was held for; a rejection whose reason names no
 * category (pre-moderation, a provider) says nothing the model can learn and is left out.
 */
export function exampleOfDecision(row: { body_md: string; status: string; moderation_reasons: string | null }): Example | null {
  let reasons: ModerationReason[];
  try {
    reasons = JSON.parse(row.moderation_reasons ?? '[]') as ModerationReason[];
  } catch {
    return null;
  }
  const labels = new Int8Array(CATEGORIES.length).fill(-1);
  let ordinary = false;
  if (row.status === 'published') {
    labels.fill(0);
    ordinary = true;
  } else {
    const category = row.status === 'spam' ? 'spam' : categoryOfReasons(reasons);
    if (!category) return null;
    labels[CATEGORIES.indexOf(category)] = 1;
    if (category !== 'spam') labels[CATEGORIES.indexOf('spam')] = 0;
  }
  return { set: 'site', text: row.body_md, labels, ordinary, split: splitOf('site', row.body_md) };
}

/** Reads the decisions from the site's database (DATABASE_URL, else the SQLite file in TRIBUNE_DATA_DIR). */
export async function loadSiteDecisions(env: Record<string, string | undefined> = process.env): Promise<Example[]> {
  const config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const rows = await Store.from(database).moderation.moderatorDecisions();
    return rows.flatMap((r) => exampleOfDecision(r) ?? []);
  } finally {
    await database.close();
  }
}
