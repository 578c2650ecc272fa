import type { RateLimitStore } from '../adapters/rate-limit/rate-limit.js';
import { findHate, isCounterSpeech, isSelfReference, type HateFinding } from './lexicon/hate.js';
import { findViolence, type ViolenceFinding } from './lexicon/violence.js';
import { DISGUISED_SPELLINGS, ObscenityScanner, coreWords, type WordCategory, type WordMeta } from './lexicon/words.js';
import type { ModerationSettings } from './settings.js';
import { findLinks, type Link } from './text/links.js';
import { analyseText, spanText, type AnalysedText } from './text/normalize.js';
import { TermIndex } from './text/term-index.js';
import type { ModerationDecision, ModerationInput } from './verdict.js';

/** What a phase says when it decides; the pipeline adds the phase's name. */
export interface PhaseResult {
  decision: ModerationDecision;
  code: string;
  message: string;
  matched: string[];
  /** For a refusal that passes with time (rate limits): when to try again. */
  retryAfterMs?: number;
  /** The learned model's score, for its own reasons. */
  score?: number;
}

export interface Phase {
  name: string;
  /** Which inputs the phase reads: comment bodies, display names, or both. */
  kinds: ReadonlyArray<ModerationInput['kind']>;
  /**
   * Consults something beyond the comment and the settings (the shared counters, an outside
   * provider): runs on the main thread. Every other phase is a function of its input alone, so
   * the server may run it on a moderation thread (`reading-threads.ts`).
   */
  shared?: true;
  run(ctx: PhaseContext): PhaseResult | undefined | Promise<PhaseResult | undefined>;
}

export interface ModerationDeps {
  counters: RateLimitStore;
  /** Overrides `settings.rateLimitsEnabled` (the server passes `TRIBUNE_RATE_LIMITS`). */
  rateLimitsEnabled?: boolean;
  /**
   * The only way phases reach the network (outside providers: Akismet, Perspective, the site's
   * webhook). Defaults to the global `fetch`; tests point it, and the provider URLs, at a local server.
   */
  http?: (url: string, init: RequestInit) => Promise<Response>;
  /** Told of each provider call that failed (the comment went on without it); see `providerFailures()`. */
  onProviderFailure?: (failure: ProviderFailureReport) => void;
}

export interface ProviderFailureReport {
  provider: 'akismet' | 'perspective' | 'webhook';
  cause: 'timeout' | 'network' | 'status' | 'malformed';
  detail: string;
}

export interface WordHit {
  category: WordCategory;
  word: string;
  matched: string;
  /** Written in disguise (leet, symbols, spacing, look-alikes) or found through a variant. */
  disguised: boolean;
  /** Reclaimed ("my nigga", "I'm a proud faggot") or reported and condemned. */
  exempt: boolean;
}

/** Built once per pipeline: the vocabularies, whose cost is paid at start-up. */
export class Vocabulary {
  readonly obscenity: ObscenityScanner;
  readonly terms = new TermIndex<WordMeta>(['cons', 'shot', 'shut', 'dice', 'cock', 'dock', 'pised', 'whre']);
  readonly allowed: Set<string>;

  constructor(settings: ModerationSettings) {
    this.obscenity = new ObscenityScanner(settings.allowedWords);
    for (const [category, word] of coreWords()) this.terms.add(word, { category }, { masks: true, fuzzy: true });
    for (const word of settings.bannedWords) this.terms.add(word, { category: 'banned' }, { masks: true });
    for (const word of settings.suspectWords) this.terms.add(word, { category: 'suspect' }, { masks: true });
    this.allowed = new Set(settings.allowedWords.map((w) => analyseText(w).normalized).filter(Boolean));
  }
}

const SEVERITY: Record<WordCategory, number> = { banned: 5, slur: 4, suspect: 3, 'slur-mild': 2, profanity: 1 };

/** One check's input plus lazily computed readings of its text, shared by the phases. */
export class PhaseContext {
  private analysisCache: AnalysedText | undefined;
  private wordCache: WordHit[] | undefined;
  private hateCache: HateFinding[] | undefined;
  private violenceCache: ViolenceFinding[] | undefined;
  private linkCache: Link[] | undefined;

  /** The installation's settings with what the comment's site chose for itself over them. */
  readonly settings: ModerationSettings;

  constructor(
    readonly input: ModerationInput,
    settings: ModerationSettings,
    readonly deps: ModerationDeps,
    /** Or how to build it: a main thread whose words are read on moderation threads never needs one. */
    private readonly vocabularyOf: Vocabulary | (() => Vocabulary),
  ) {
    this.settings = input.siteRules ? { ...settings, ...input.siteRules } : settings;
  }

  get vocabulary(): Vocabulary {
    return typeof this.vocabularyOf === 'function' ? this.vocabularyOf() : this.vocabularyOf;
  }

  get rateLimitsEnabled(): boolean {
    return this.deps.rateLimitsEnabled ?? this.settings.rateLimitsEnabled;
  }

  /** The commenter, for counters: reader id, else e-mail; null for an anonymous guest. */
  get identity(): string | null {
    const { readerId, email } = this.input.author;
    if (readerId) return `r:${readerId}`;
    if (email) return `e:${email.trim().toLowerCase()}`;
    return null;
  }

  get analysis(): AnalysedText {
    if (!this.analysisCache) {
      // Display names are often written as one word: "KillAllMuslims", "xX_sh1tHead_Xx".
      // "Death2Journalists", "HotGirls4U": a 2 or a 4 between letters is a word.
      const text = this.input.kind === 'name'
        ? this.input.text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})2(\p{L})/gu, '$1 to $2').replace(/(\p{L})4(\p{L})/gu, '$1 for $2')
        : stripMarkdownLinks(this.input.text);
      this.analysisCache = analyseText(text);
    }
    return this.analysisCache;
  }

  get words(): WordHit[] {
    if (!this.wordCache) this.wordCache = this.findWords();
    return this.wordCache;
  }

  get hate(): HateFinding[] {
    if (!this.hateCache) this.hateCache = findHate(this.analysis);
    return this.hateCache;
  }

  /** Threats and incitement to self-harm, read from who does what to whom. */
  get violence(): ViolenceFinding[] {
    if (!this.violenceCache) this.violenceCache = findViolence(this.analysis);
    return this.violenceCache;
  }

  get links(): Link[] {
    if (!this.linkCache) this.linkCache = findLinks(this.input.text);
    return this.linkCache;
  }

  private findWords(): WordHit[] {
    const analysis = this.analysis;
    const { tokens, offsets } = analysis;
    const best = new Map<number, WordHit>();
    const keep = (first: number, last: number, category: WordCategory, word: string, viaVariant: boolean) => {
      const span = tokens.slice(first, last + 1);
      if (this.vocabulary.allowed.has(span.map((t) => t.text).join(' '))) return;
      const raw = spanText(analysis, first, last);
      // "Dick Van Dyke", "Dick Cheney": a capitalised first name, not the word.
      if (word === 'dick' && /^Dick$/.test(raw) && /^\p{Lu}/u.test(analysis.raw.slice(tokens[last + 1]?.start ?? 0, (tokens[last + 1]?.start ?? 0) + 1))) return;
      if (word === 'nigger' && /a[sz]?h?$/i.test(raw)) category = 'slur-mild';
      // A capitalised word inside a run of capitalised words is part of a name ("Dick Van Dyke").
      if (this.input.kind === 'comment' && (category === 'profanity' || category === 'slur-mild') && isInName(analysis, first, last)) return;
      const hit: WordHit = { category, word, matched: raw, disguised: viaVariant || DISGUISED_SPELLINGS.has(span[0]!.text) || span.some((t) => t.disguised), exempt: false };
      const previous = best.get(first);
      if (!previous || SEVERITY[category] > SEVERITY[previous.category]) best.set(first, hit);
      else if (SEVERITY[category] === SEVERITY[previous.category]) previous.disguised ||= hit.disguised;
    };
    const tokenAt = (offset: number): number => {
      let lo = 0;
      let hi = offsets.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (const hit of this.vocabulary.obscenity.scan(analysis.normalized)) {
      keep(tokenAt(hit.start), tokenAt(hit.end), hit.category, hit.word, false);
    }
    for (const hit of this.vocabulary.terms.find(tokens)) {
      const variant = hit.kind === 'masked' || hit.kind === 'fuzzy' || hit.kind === 'joined';
      keep(hit.first, hit.last, hit.meta.category, hit.term, variant);
    }
    const hits = [...best.entries()].sort((a, b) => a[0] - b[0]);
    const slurs = hits.some(([, h]) => h.category === 'slur' || h.category === 'slur-mild');
    const counter = slurs && this.input.kind === 'comment' && isCounterSpeech(analysis);
    for (const [index, hit] of hits) {
      if ((hit.category === 'slur' || hit.category === 'slur-mild') && this.input.kind === 'comment') {
        hit.exempt = counter || isSelfReference(analysis, index);
      }
    }
    return hits.map(([, h]) => h);
  }

  /** The exact written text of the given tokens, merged where adjacent. */
  spans(tokenIndexes: number[]): string[] {
    const sorted = [...new Set(tokenIndexes)].sort((a, b) => a - b);
    return sorted.map((i) => spanText(this.analysis, i));
  }
}

function isCapitalised(analysis: AnalysedText, i: number): boolean {
  const t = analysis.tokens[i];
  if (!t) return false;
  const raw = analysis.raw.slice(t.start, t.end);
  return /^\p{Lu}\p{Ll}/u.test(raw);
}

function isInName(analysis: AnalysedText, first: number, last: number): boolean {
  if (!isCapitalised(analysis, first)) return false;
  const { tokens } = analysis;
  const sameSentence = (i: number) => tokens[i] !== undefined && tokens[i]!.sentence === tokens[first]!.sentence;
  return (sameSentence(first - 1) && isCapitalised(analysis, first - 1)) || (sameSentence(last + 1) && isCapitalised(analysis, last + 1));
}

/** `[text](https://…)`: the visible text is read as words; the address only as a link. */
export function stripMarkdownLinks(text: string): string {
  // No "(" inside the address either: on "[a](" repeated, each try stops at the next "(" and the whole run stays linear.
  return text.replace(/\]\([^()\s]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

export function act(decision: 'allow' | 'hold' | 'reject'): ModerationDecision | null {
  return decision === 'allow' ? null : decision;
}
