import type { AnalysedText } from '../text/normalize.js';

/**
 * What the model reads of a comment: hashed words, word pairs and character 3- and 4-grams of
 * the normalised tokens (so "k1ll" and "kill" are the same word), plus the links it carries.
 * Each feature remembers the token it came from, so the words that weighed most can be quoted.
 */
export interface Features {
  /** Hash buckets, one per occurrence (a bucket may repeat). */
  buckets: Uint32Array;
  /** The token each occurrence came from; -1 for features of the whole text (links). */
  tokens: Int32Array;
  count: number;
}

/**
 * Scores divide by the square root of the feature count, so a long comment is not judged by its
 * length; but never by less than this one, so "Comment 1" or "Hello" is not judged by two words.
 */
export const MIN_NORM_COUNT = 64;

export function featureNorm(count: number): number {
  return 1 / Math.sqrt(Math.max(count, MIN_NORM_COUNT));
}

export interface FeatureLink {
  host: string;
}

const MAX_TOKENS = 400;

/** FNV-1a over a string slice with a per-kind seed; fast enough to run per character n-gram. */
function hash(seed: number, text: string, from = 0, to = text.length): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = 1;
const PAIR = 2;
const CHARS = 3;
const LINK = 4;
const HOST = 5;

export function extractFeatures(analysis: AnalysedText, links: readonly FeatureLink[], bits: number): Features {
  const mask = (1 << bits) - 1;
  const tokens = analysis.tokens.length > MAX_TOKENS ? analysis.tokens.slice(0, MAX_TOKENS) : analysis.tokens;
  // Upper bound: word + pair + up to 2 n-gram sizes per padded character, + links.
  let capacity = 8 + links.length * 2;
  for (const t of tokens) capacity += 2 + 2 * (t.text.length + 2);
  const buckets = new Uint32Array(capacity);
  const owners = new Int32Array(capacity);
  let n = 0;
  const push = (h: number, token: number) => {
    buckets[n] = h & mask;
    owners[n] = token;
    n++;
  };
  let previous = '';
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.text;
    push(hash(WORD, word), i);
    if (previous) push(hash(PAIR, `${previous} ${word}`), i);
    previous = word;
    if (word.length > 24) continue;
    const padded = `<${word}>`;
    for (let size = 3; size <= 4; size++) {
      for (let at = 0; at + size <= padded.length; at++) push(hash(CHARS, padded, at, at + size), i);
    }
  }
  for (const link of links) {
    push(hash(LINK, 'link'), -1);
    push(hash(HOST, link.host.split('.').at(-1) ?? ''), -1);
  }
  return { buckets: buckets.subarray(0, n), tokens: owners.subarray(0, n), count: n };
}
