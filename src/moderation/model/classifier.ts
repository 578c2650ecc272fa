import type { PhaseContext } from '../context.js';
import { isCounterSpeech } from '../lexicon/hate.js';
import { negatedBefore } from '../lexicon/violence.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from './categories.js';
import { loadModel, type ModerationModel, type Thresholds } from './model.js';
import { featuresOf } from './reading.js';

/** What the model says about one comment or name: the worst category over its threshold, if any. */
export interface ModelFinding {
  category: Category;
  score: number;
  decision: 'hold' | 'reject';
  /** The words that weighed most, as written. */
  matched: string[];
  message: string;
}

// Loaded once, when the pipeline's modules load (about 10 ms for the 1.5 MB file).
let shared: ModerationModel | undefined;
export function moderationModel(): ModerationModel {
  return (shared ??= loadModel());
}

/** Another model in place of the committed one (the eval compares a retrained model). */
export function useModerationModel(model: ModerationModel): void {
  shared = model;
}

const readings = new WeakMap<PhaseContext, number[]>();

/** Per-category scores of this input, computed once per check and shared by the model's phases. */
export function scoresOf(ctx: PhaseContext, model = moderationModel()): number[] {
  let scores = readings.get(ctx);
  if (!scores) {
    scores = model.score(featuresOf(ctx, model.header.bits));
    readings.set(ctx, scores);
  }
  return scores;
}

export function thresholdsFor(ctx: PhaseContext, category: Category, model = moderationModel()): Thresholds {
  const validated = model.header.thresholds[category];
  const chosen = ctx.settings.modelThresholds[category] ?? {};
  return { hold: chosen.hold !== undefined ? chosen.hold : validated.hold, reject: chosen.reject !== undefined ? chosen.reject : validated.reject };
}

/** The category among `categories` that crossed its threshold by the widest margin. */
export function judge(ctx: PhaseContext, categories: readonly Category[]): ModelFinding | undefined {
  if (!ctx.settings.model) return undefined;
  const model = moderationModel();
  const scores = scoresOf(ctx, model);
  let best: { category: Category; score: number; decision: 'hold' | 'reject'; margin: number } | undefined;
  for (const category of categories) {
    if (category === 'spam' && !offersAWayToBuy(ctx)) continue;
    if (category === 'insult' && !addressesSomeone(ctx)) continue;
    const score = scores[CATEGORIES.indexOf(category)]!;
    const { hold, reject } = thresholdsFor(ctx, category, model);
    const decision = reject !== null && score >= reject ? 'reject' : hold !== null && score >= hold ? 'hold' : null;
    if (!decision) continue;
    const margin = score - (decision === 'reject' ? reject! : hold!) + (decision === 'reject' ? 1 : 0);
    if (!best || margin > best.margin) best = { category, score, decision, margin };
  }
  if (!best) return undefined;
  const tokens = model.explain(featuresOf(ctx, model.header.bits), best.category);
  if (best.category !== 'spam' && best.category !== 'insult' && isReported(ctx, tokens)) return undefined;
  const matched = ctx.spans(tokens);
  const score = Math.floor(best.score * 100) / 100;
  return {
    category: best.category,
    score,
    decision: best.decision,
    matched,
    message: `The model reads this as ${CATEGORY_LABELS[best.category]} (score ${score.toFixed(2)})${matched.length ? ', mostly from the marked words' : ''}.`,
  };
}

/**
 * Reporting is not endorsing: the words that weighed most are all inside quotation marks or
 * negated in their sentence ("I would never hurt them"), one of them is a slur the rules read as
 * reclaimed, or the comment quotes or reports abuse and condemns it. The tests are the rules'
 * own (context.ts, lexicon/hate.ts, lexicon/violence.ts).
 */
function isReported(ctx: PhaseContext, tokens: readonly number[]): boolean {
  const all = ctx.analysis.tokens;
  const sentenceStart = (i: number) => {
    let from = i;
    while (from > 0 && all[from - 1]!.sentence === all[i]!.sentence) from--;
    return from;
  };
  if (tokens.length > 0 && tokens.every((i) => all[i]?.quoted || negatedBefore(all, sentenceStart(i), i))) return true;
  // A slur the rules read as reclaimed ("proud to be a ...") or condemned is not the model's to hold either.
  const exempt = new Set(ctx.words.filter((w) => w.exempt).map((w) => w.matched.toLowerCase()));
  if (exempt.size > 0 && ctx.spans([...tokens]).some((w) => exempt.has(w.toLowerCase()))) return true;
  return isCounterSpeech(ctx.analysis);
}

const CONTACT = /[\w.+-]+@[\w-]+\.[a-z]{2,}|(?:\+?\d[\s().-]?){7,}|(?:^|\s)@\w{3,}|\b(?:whats ?app|telegram|wa\.me|t\.me|dm me|inbox me)\b/iu;

/**
 * Spam is known by what it sells: the model calls a comment spam only when it offers a way to
 * reach the seller (a link, an e-mail address, a phone number, a handle). "My first comment on
 * this site, hello everyone" reads like the channel plugs the model learned from, and is not.
 */
function offersAWayToBuy(ctx: PhaseContext): boolean {
  return ctx.links.length > 0 || CONTACT.test(ctx.input.text);
}

const SECOND_PERSON = new Set(['you', 'u', 'ya', 'youre', 'ur', 'your', 'yours', 'yourself', 'youve', 'youd', 'youll', 'yall']);
/** Who an insult in a comment is said to besides "you": the writer of the piece, the one answered. */
const ANSWERED = new Set(['author', 'writer', 'journalist', 'reporter', 'columnist', 'editor', 'op', 'poster', 'commenter']);

/**
 * An insult is said to someone: the model calls a comment an insult only when it speaks to the
 * reader addressed ("you", outside quotation marks) or of the writer of the piece. Civil
 * Comments' hardest ordinary comments are rude about third parties and ideas, which is debate.
 */
function addressesSomeone(ctx: PhaseContext): boolean {
  return ctx.analysis.tokens.some((t) => !t.quoted && (SECOND_PERSON.has(t.text) || ANSWERED.has(t.text)));
}
