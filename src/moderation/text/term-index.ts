import { analyseText, squeeze, type Token } from './normalize.js';

/** How a term was found: as written, or through one of the disguises undone. */
export type MatchKind = 'exact' | 'squeezed' | 'masked' | 'fuzzy' | 'joined' | 'plural';

export interface TermHit<M> {
  term: string;
  meta: M;
  /** First and last token of the match. */
  first: number;
  last: number;
  kind: MatchKind;
}

export interface AddOptions {
  /** Also find one swapped pair of letters ("haet") or a dropped vowel ("womn"): for vocabularies of ordinary words. */
  fuzzy?: boolean;
  /** Also find letters hidden behind symbols ("sh*t", "f**k", "$h&t" read as "sh*t"). */
  masks?: boolean;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * A dictionary of terms (one or several words) looked up by hashing, so its cost follows the
 * length of the comment, not the number of terms: 5,000 terms cost what 50 do. Variants for
 * disguises are generated when a term is added, never searched for at check time.
 */
export class TermIndex<M> {
  private readonly exact = new Map<string, { term: string; meta: M }>();
  private readonly variants = new Map<string, { term: string; meta: M; kind: MatchKind }>();
  private maxWords = 1;
  private readonly blocked = new Set<string>();
  /** Words looked up since the last term was added, with what they were (null: nothing): a comment's words are mostly words seen before. */
  private readonly looked = new Map<string, { term: string; meta: M; kind: MatchKind } | null>();

  /** Words a variant must never be (they are ordinary words themselves). */
  constructor(ordinaryWords: Iterable<string> = []) {
    for (const w of ordinaryWords) this.blocked.add(w);
  }

  get size(): number {
    return this.exact.size;
  }

  has(word: string): boolean {
    return this.exact.has(word);
  }

  add(term: string, meta: M, options: AddOptions = {}): void {
    const words = analyseText(term).tokens.map((t) => t.text);
    if (words.length === 0) return;
    this.looked.clear();
    const key = words.join(' ');
    if (!this.exact.has(key)) this.exact.set(key, { term, meta });
    this.maxWords = Math.max(this.maxWords, words.length);
    const entry = { term, meta };
    if (words.length > 1) {
      const joined = words.join('');
      if (joined.length >= 6) this.variant(joined, entry, 'joined');
      return;
    }
    const word = words[0]!;
    const sq = squeeze(word);
    if (sq !== word && sq.length >= 4) this.variant(sq, entry, 'squeezed');
    if (options.masks && word.length >= 4) {
      for (let i = 1; i < word.length; i++) {
        this.variant(word.slice(0, i) + '*' + word.slice(i + 1), entry, 'masked');
        for (let j = i + 1; j < word.length && word.length >= 5; j++) {
          const masked = word.slice(0, i) + '*' + word.slice(i + 1, j) + '*' + word.slice(j + 1);
          this.variant(masked, entry, 'masked');
        }
      }
    }
    if (options.fuzzy && word.length >= 4) {
      for (let i = 1; i < word.length - 1; i++) {
        if (word[i] === word[i + 1]) continue;
        this.variant(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), entry, 'fuzzy');
      }
      if (word.length >= 5) {
        for (let i = 1; i < word.length; i++) {
          if (VOWELS.has(word[i]!)) this.variant(word.slice(0, i) + word.slice(i + 1), entry, 'fuzzy');
        }
      }
    }
  }

  private variant(key: string, entry: { term: string; meta: M }, kind: MatchKind): void {
    if (this.exact.has(key) || this.variants.has(key) || this.blocked.has(key)) return;
    this.variants.set(key, { ...entry, kind });
  }

  /** One word on its own: exact, a variant, or a plural of either. */
  lookup(word: string): { term: string; meta: M; kind: MatchKind } | undefined {
    const known = this.looked.get(word);
    if (known !== undefined) return known ?? undefined;
    const found = this.lookupAnew(word);
    if (this.looked.size < 20_000) this.looked.set(word, found ?? null);
    return found;
  }

  private lookupAnew(word: string): { term: string; meta: M; kind: MatchKind } | undefined {
    const exact = this.exact.get(word);
    if (exact) return { ...exact, kind: 'exact' };
    const variant = this.variants.get(word);
    if (variant) return variant;
    // Doubled letters undone, then one disguise more at most: a swap on top of it would read
    // ordinary words ("stuff" squeezed is "stuf", a swap of "stfu") as what they are not.
    const squeezed = this.variants.get(squeeze(word));
    if (squeezed && squeezed.kind !== 'fuzzy') return squeezed;
    if (word.length >= 4 && word.endsWith('s')) {
      const stem = word.endsWith('es') ? [word.slice(0, -1), word.slice(0, -2)] : [word.slice(0, -1)];
      for (const s of stem) {
        const hit = this.exact.get(s) ?? this.variants.get(s);
        if (hit) return { ...hit, kind: 'plural' };
      }
    }
    return undefined;
  }

  /** Every term in the tokens, longest first at each position, without overlaps. */
  find(tokens: readonly Token[], from = 0, to = tokens.length): TermHit<M>[] {
    const hits: TermHit<M>[] = [];
    let i = from;
    while (i < to) {
      let found: TermHit<M> | null = null;
      for (let n = Math.min(this.maxWords, to - i); n >= 2 && !found; n--) {
        let key = tokens[i]!.text;
        for (let k = 1; k < n; k++) key += ' ' + tokens[i + k]!.text;
        const hit = this.exact.get(key);
        if (hit) found = { term: hit.term, meta: hit.meta, first: i, last: i + n - 1, kind: 'exact' };
      }
      if (!found) {
        const hit = this.lookup(tokens[i]!.text);
        if (hit) found = { term: hit.term, meta: hit.meta, first: i, last: i, kind: hit.kind };
      }
      if (found) {
        hits.push(found);
        i = found.last + 1;
      } else i++;
    }
    return hits;
  }
}
