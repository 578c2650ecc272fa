import { CATEGORIES, type Category } from './categories.js';
import type { Thresholds } from './model.js';

/** One validation example as thresholds see it: its set, labels, whether raters called it ordinary, its scores. */
export interface Scored {
  set: string;
  labels: Int8Array;
  ordinary: boolean;
  scores: number[];
}

/**
 * How much of each set's ordinary comments a category may hold, at most (on validation). The
 * rules already hold some ordinary comments, and the model's share must leave the sum under the
 * issue's 10%. The firm categories, which no good record excuses, get half a percent each;
 * insults and spam, soft holds a trusted commenter skips, 1% and 2%.
 */
export const HOLD_BUDGET: Record<Category, number> = { threat: 0.005, identity_attack: 0.005, insult: 0.02, self_harm: 0.005, sexual_harassment: 0.005, spam: 0.01 };
/** A hold should be right at least this often on validation; a category that cannot be is left to the rules. */
export const HOLD_PRECISION = 0.5;
/** Refusing without a person needs this precision on validation, and almost no ordinary comment caught. */
export const REJECT_PRECISION = 0.95;
export const REJECT_ORDINARY = 0.002;
const MIN_ORDINARY_PER_SET = 50;
/** Fewer validation examples than this cannot vouch for a threshold: the category is left to the rules. */
export const MIN_VALIDATION_POSITIVES = 20;

const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

function ordinaryShares(examples: readonly Scored[], c: number, t: number): number[] {
  const bySet = new Map<string, [number, number]>();
  for (const e of examples) {
    if (!e.ordinary) continue;
    const s = bySet.get(e.set) ?? [0, 0];
    s[0]++;
    if (e.scores[c]! >= t) s[1]++;
    bySet.set(e.set, s);
  }
  return [...bySet.values()].filter(([n]) => n >= MIN_ORDINARY_PER_SET).map(([n, f]) => f / n);
}

export interface Point {
  threshold: number;
  precision: number;
  recall: number;
  /** The largest share of one set's ordinary comments flagged. */
  ordinary: number;
  positives: number;
}

export function pointAt(examples: readonly Scored[], c: number, t: number): Point {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of examples) {
    const y = e.labels[c];
    if (y === undefined || y < 0) continue;
    const flagged = e.scores[c]! >= t;
    if (y === 1 && flagged) tp++;
    else if (y === 1) fn++;
    else if (flagged) fp++;
  }
  return { threshold: t, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 0, ordinary: Math.max(0, ...ordinaryShares(examples, c, t)), positives: tp + fn };
}

export function chooseThresholds(examples: readonly Scored[]): Record<Category, Thresholds> {
  const out = {} as Record<Category, Thresholds>;
  CATEGORIES.forEach((category, c) => {
    const positives = examples.filter((e) => e.labels[c] === 1).length;
    if (positives < MIN_VALIDATION_POSITIVES) {
      out[category] = { hold: null, reject: null };
      return;
    }
    const hold = GRID.find((t) => {
      const p = pointAt(examples, c, t);
      return p.ordinary <= HOLD_BUDGET[category] && p.precision >= HOLD_PRECISION && p.recall > 0;
    }) ?? null;
    const reject = GRID.find((t) => {
      const p = pointAt(examples, c, t);
      return p.precision >= REJECT_PRECISION && p.ordinary <= REJECT_ORDINARY && p.recall * p.positives >= 10;
    }) ?? null;
    out[category] = { hold, reject: reject !== null && hold !== null && reject < hold ? hold : reject };
  });
  return out;
}
