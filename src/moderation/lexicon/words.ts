import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, parseRawPattern } from 'obscenity';

/**
 * Built-in vocabulary for the word phases. Categories decide what a match does:
 * - `slur`: slurs against protected groups, refused (LDNOOBW and obscenity's English set, curated);
 * - `slur-mild`: words that are slurs in one use and ordinary in another ("bitch" for a dog,
 *   "retard" as a verb, "dyke" for a sea wall): held for a person to read;
 * - `profanity`: swearing and sexual words, allowed by default (heated is not hateful), held when
 *   disguised. Sources: obscenity 0.4.6's English preset, LDNOOBW (CC BY 4.0), hand additions.
 */
export type WordCategory = 'slur' | 'slur-mild' | 'profanity' | 'banned' | 'suspect';

export interface WordMeta {
  category: WordCategory;
}

/** obscenity's English originals, by the category Tribune gives them. */
const OBSCENITY_CATEGORY: Record<string, WordCategory> = {
  abo: 'slur', abeed: 'slur', africoon: 'slur', arabush: 'slur', boonga: 'slur', chingchong: 'slur', chink: 'slur',
  kike: 'slur', nigger: 'slur', tranny: 'slur', fag: 'slur',
  retard: 'slur-mild', spastic: 'slur-mild', negro: 'slur-mild', dyke: 'slur-mild', bitch: 'slur-mild', slut: 'slur-mild', whore: 'slur-mild',
};

/** Slurs obscenity's preset lacks, added as obscenity patterns (`|` = word boundary). */
const EXTRA_SLURS: Array<[string, WordCategory, string[]]> = [
  ['wetback', 'slur', ['|wetback']],
  ['muzzie', 'slur', ['|muzzie', '|muzzy|', '|muzrat']],
  ['rapefugee', 'slur', ['rapefugee']],
  ['shemale', 'slur', ['|shemale']],
  ['coon', 'slur', ['|coon|', '|coons|']],
  ['raghead', 'slur', ['raghead', 'towelhead']],
  ['spic', 'slur', ['|spic|', '|spics|', '|spick|']],
  ['paki', 'slur', ['|paki|', '|pakis|']],
  ['gook', 'slur', ['|gook|', '|gooks|']],
  ['wog', 'slur', ['|wog|', '|wogs|']],
  ['beaner', 'slur', ['|beaner']],
  ['jigaboo', 'slur', ['jigaboo', 'jiggaboo']],
  ['zipperhead', 'slur', ['zipperhead']],
  ['camel jockey', 'slur', ['camel jockey', 'camel fucker', 'camelfucker']],
  ['darkie', 'slur', ['|darkie', '|darky|']],
  ['slanteye', 'slur', ['slanteye', 'slant eye']],
  ['kyke', 'slur', ['|kyke']],
  ['nignog', 'slur', ['nignog', 'nig nog']],
  ['cripple', 'slur-mild', ['|cripple|', '|cripples|']],
  ['mong', 'slur-mild', ['|mong|', '|mongs|', '|mongoloid']],
  ['jihadi', 'slur-mild', ['|jihadi|', '|jihadis|']],
  ['gyppo', 'slur', ['|gyppo', '|gypo|']],
];

/** Ordinary words obscenity's patterns would hit (Scunthorpe cases). */
const WHITELIST = [
  'dick van dyke', 'moby dick', 'philip k dick', 'cockpit', 'cocktail', 'cockroach', 'cockatoo', 'peacock', 'shuttlecock', 'hitchcock',
  'rapeseed', 'grape', 'drape', 'penistone', 'therapist', 'tit for tat', 'titmouse', 'scunthorpe', 'sussex', 'essex', 'middlesex',
  'shitake', 'shiitake', 'arsenal', 'bass', 'class', 'assassin', 'cumulative', 'document', 'dickens', 'hancock', 'negroni',
  'spice', 'spick and span', 'coonhound', 'raccoon', 'cocoon', 'tycoon', 'mongolia', 'mongoose', 'among', 'monger',
];

/** Every word the token index knows, for disguises obscenity's matcher cannot undo ("$h&t", "sh*t", "fukc", "phuck"). */
const CORE_WORDS: Array<[WordCategory, string]> = [
  ...['fuck', 'fucks', 'fucked', 'fucker', 'fuckers', 'fucking', 'fuckin', 'motherfucker', 'motherfuckers', 'fuk', 'fuq', 'phuck', 'phuk', 'fvck', 'fck', 'fcuk', 'fcking', 'fukin', 'fuking',
    'shit', 'shits', 'shitty', 'shite', 'bullshit', 'shithead', 'shitheads', 'sht', 'shyt', 'cunt', 'cunts', 'twat', 'twats', 'wanker', 'wankers', 'wank',
    'asshole', 'assholes', 'arsehole', 'arseholes', 'bastard', 'bastards', 'dickhead', 'dickheads', 'prick', 'pricks', 'piss', 'pissed', 'pissing',
    'cock', 'cocks', 'pussy', 'dick', 'dicks', 'stfu', 'gtfo', 'wtf', 'scumbag', 'scumbags', 'dumbass', 'jackass', 'bollocks', 'tosser']
    .map((w) => ['profanity', w] as [WordCategory, string]),
  ...['nigger', 'niggers', 'faggot', 'faggots', 'fag', 'fags', 'tranny', 'trannies', 'kike', 'kikes', 'chink', 'chinks', 'wetback', 'wetbacks',
    'muzzie', 'muzzies', 'rapefugee', 'rapefugees', 'shemale', 'shemales', 'coon', 'coons', 'raghead', 'ragheads', 'towelhead', 'spic', 'spics',
    'camelfucker', 'camelfuckers', 'beaner', 'beaners', 'gook', 'gooks']
    .map((w) => ['slur', w] as [WordCategory, string]),
  ...['nigga', 'niggas', 'retard', 'retards', 'retarded', 'bitch', 'bitches', 'biatch', 'slut', 'sluts', 'whore', 'whores', 'cripple', 'cripples', 'mong', 'mongs', 'jihadi', 'jihadis', 'spastic', 'dyke', 'dykes']
    .map((w) => ['slur-mild', w] as [WordCategory, string]),
];

/** Spellings that exist only to get past a list. */
export const DISGUISED_SPELLINGS = new Set(['fuk', 'fuq', 'phuck', 'phuk', 'fvck', 'fck', 'fcuk', 'fcking', 'fukin', 'fuking', 'sht', 'shyt', 'biatch']);

export function coreWords(): ReadonlyArray<[WordCategory, string]> {
  return CORE_WORDS;
}

export interface ObscenityHit {
  word: string;
  category: WordCategory;
  /** Inclusive index range in the text given. */
  start: number;
  end: number;
}

/** obscenity's English set extended with Tribune's slurs and Scunthorpe whitelist, built once. */
export class ObscenityScanner {
  private readonly dataset = new DataSet<{ originalWord: string }>();
  private readonly matcher: RegExpMatcher;
  private readonly categories = new Map<string, WordCategory>();
  private readonly quick: QuickRejection | null;

  constructor(allowedWords: readonly string[] = []) {
    this.dataset.addAll(englishDataset);
    for (const [word, category, patterns] of EXTRA_SLURS) {
      this.categories.set(word, category);
      this.dataset.addPhrase((phrase) => {
        let p = phrase.setMetadata({ originalWord: word });
        for (const source of patterns) p = p.addPattern(parseRawPattern(source));
        return p;
      });
    }
    for (const [word, category] of Object.entries(OBSCENITY_CATEGORY)) this.categories.set(word, category);
    this.dataset.addPhrase((phrase) => {
      let p = phrase.setMetadata({ originalWord: '' });
      for (const term of [...WHITELIST, ...allowedWords.map((w) => w.toLowerCase())]) p = p.addWhitelistedTerm(term);
      return p;
    });
    this.matcher = new RegExpMatcher({ ...this.dataset.build(), ...englishRecommendedTransformers });
    this.quick = quickRejection(this.matcher);
  }

  scan(text: string): ObscenityHit[] {
    if (this.quick && !this.quick.anyTerm.test(this.quick.matcher.applyTransformers(text, this.quick.matcher.blacklistMatcherTransformers)[1])) return [];
    const out: ObscenityHit[] = [];
    for (const match of this.matcher.getAllMatches(text, true)) {
      const word = this.dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? '';
      if (!word) continue;
      out.push({ word, category: this.categories.get(word) ?? 'profanity', start: match.startIndex, end: match.endIndex });
    }
    return out;
  }
}

/**
 * The parts of obscenity 0.4.6's RegExpMatcher a quick rejection reads. They are not its public
 * API: checked when the scanner is built, and without them every text takes the full scan.
 */
interface MatcherInternals {
  blacklistedTerms: Array<{ regExp: RegExp }>;
  blacklistMatcherTransformers: unknown;
  applyTransformers(input: string, transformers: unknown): [number[], string];
}

interface QuickRejection {
  matcher: MatcherInternals;
  /** Matches where any one of the terms would: no match here means no term matches anywhere. */
  anyTerm: RegExp;
}

/**
 * Most comments contain no listed word, yet the matcher runs each of its ~160 expressions over the
 * text (and works out the whitelisted spans first). One expression made of all of them finds out
 * in one pass whether any could match; only then does the full scan run, so what it finds is the same.
 */
function quickRejection(matcher: RegExpMatcher): QuickRejection | null {
  const internals = matcher as unknown as Partial<MatcherInternals>;
  const terms = internals.blacklistedTerms;
  if (!Array.isArray(terms) || typeof internals.applyTransformers !== 'function' || !('blacklistMatcherTransformers' in internals)) return null;
  if (terms.length === 0 || !terms.every((t) => t.regExp instanceof RegExp && t.regExp.flags === 'gs')) return null;
  return { matcher: internals as MatcherInternals, anyTerm: new RegExp(terms.map((t) => `(?:${t.regExp.source})`).join('|'), 's') };
}
