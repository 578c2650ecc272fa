/**
 * Turns a comment into words a list can be checked against, undoing the usual disguises:
 * look-alike letters (Cyrillic "а", fullwidth "ｆ", accents), leetspeak inside words ("sh1t",
 * "4ssholes"), symbols standing for letters ("$h&t", "sh*t": `*` kept as a one-letter wildcard),
 * letters spaced or dotted apart ("f u c k", "k.y.s"), zero-width characters. Every token keeps
 * the span of the original text it came from, so reasons can quote exactly what was written.
 */

export interface Token {
  /** Lower-case ASCII-ish form; `*` stands for a letter hidden behind a symbol. */
  text: string;
  /** Span in the original text. */
  start: number;
  end: number;
  /** Inside double quotation marks (a quoted statement, not the writer's own words). */
  quoted: boolean;
  sentence: number;
  /** The written form differed from `text` beyond case: leet, symbols, spacing, look-alikes. */
  disguised: boolean;
}

export interface AnalysedText {
  raw: string;
  tokens: Token[];
  /** Tokens joined by single spaces (what obscenity's matcher reads). */
  normalized: string;
  /** Start of each token in `normalized`. */
  offsets: number[];
}

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ɡ': 'g', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ь': 'b', 'п': 'n', 'г': 'r', 'и': 'u', 'л': 'n',
  // Greek
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y', 'ω': 'w', 'μ': 'u',
  // Latin look-alikes NFKD leaves alone
  'ø': 'o', 'ł': 'l', 'đ': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ı': 'i', 'ɑ': 'a', 'ƒ': 'f', 'ｕ': 'u',
};
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't', '€': 'e', '£': 'l', '¡': 'i' };
/** Symbols that hide one letter inside a word. */
const MASKS = new Set(['*', '&', '#', '%', '?', '^', '~', '"', '•', '·']);
/** Split a chunk into words. */
const SEPARATORS = /[\s\-_.,;:/\\()[\]{}<>=“”„«»]+/u;
const ZERO_WIDTH = /[\u00ad\u200b-\u200f\u2060\ufeff]/gu;
const COMBINING = /\p{M}/gu;

const foldCache = new Map<string, string>();

/** Folds one character to lower-case Latin where a look-alike exists. */
function fold(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out = ch.normalize('NFKD').replace(COMBINING, '').toLowerCase();
  out = [...out].map((c) => CONFUSABLES[c] ?? c).join('');
  if (foldCache.size < 10_000) foldCache.set(ch, out);
  return out;
}

const isLetter = (c: string): boolean => c >= 'a' && c <= 'z';

interface RawWord {
  text: string;
  start: number;
  end: number;
  disguised: boolean;
}

/** Cleans one whitespace-free piece; null when nothing word-like is left. */
function cleanWord(piece: string, start: number): RawWord | null {
  // Fold each character, remembering where it came from.
  const chars: string[] = [];
  const from: number[] = [];
  let disguised = false;
  let i = 0;
  for (const ch of piece) {
    if (ch === "'" || ch === '’' || ch === '`' || ch === '\u0000') {
      i += ch.length;
      continue;
    }
    const f = fold(ch);
    if (f !== ch.toLowerCase()) disguised = true;
    for (const c of f) {
      chars.push(c);
      from.push(start + i);
    }
    i += ch.length;
  }
  if (!chars.some(isLetter)) {
    // Pure numbers stay as they are; pure symbols vanish.
    const digits = chars.filter((c) => c >= '0' && c <= '9').join('');
    if (!digits) return null;
    return { text: digits, start: from[0]!, end: start + piece.length, disguised: false };
  }
  // Trim punctuation at the ends, but keep leet at the start ("$hit", "4ss") and masks inside.
  let a = 0;
  let b = chars.length;
  const keepAtStart = (c: string) => isLetter(c) || (c >= '0' && c <= '9') || c === '$' || c === '@' || c === '€' || c === '|' || c === '¡';
  const keepAtEnd = (c: string) => isLetter(c) || (c >= '0' && c <= '9') || c === '$' || c === '*';
  while (a < b && !keepAtStart(chars[a]!)) a++;
  while (b > a && !keepAtEnd(chars[b - 1]!)) b--;
  let text = '';
  for (let k = a; k < b; k++) {
    const c = chars[k]!;
    if (isLetter(c)) text += c;
    else if (LEET[c] !== undefined) {
      text += LEET[c];
      disguised = true;
    } else if (MASKS.has(c)) {
      text += '*';
      disguised = true;
    } else if (c >= '0' && c <= '9') {
      text += c;
    } else {
      disguised = true; // other symbol inside a word: dropped
    }
  }
  if (!text) return null;
  return { text, start: from[a] ?? start, end: (from[b - 1] ?? start) + 1, disguised };
}

/** Splits a comment into tokens with sentences, quotes and disguises resolved. */
export function analyseText(raw: string): AnalysedText {
  const text = raw.replace(ZERO_WIDTH, (m) => '\u0000'.repeat(m.length));
  const tokens: Token[] = [];
  let sentence = 0;
  let quoted = false;
  const chunkPattern = /[^\s]+/gu;
  let match: RegExpExecArray | null;
  let lastEnd = 0;
  while ((match = chunkPattern.exec(text)) !== null) {
    const chunkStart = match.index;
    const newline = text.indexOf('\n', lastEnd);
    if (newline !== -1 && newline < chunkStart) sentence++;
    lastEnd = chunkStart + match[0].length;
    // Most chunks are a plain word, perhaps with one closing mark: read them without the general path below,
    // which gives the same token (nothing to fold, trim or unmask) at several times the cost.
    const plain = plainWordLength(match[0]);
    if (plain > 0) {
      tokens.push({ text: match[0].slice(0, plain).toLowerCase(), start: chunkStart, end: chunkStart + plain, disguised: false, quoted, sentence });
      if (plain < match[0].length && SENTENCE_END.has(match[0].charCodeAt(plain))) sentence++;
      continue;
    }
    // Pieces separated by hyphens, dots, commas…; a quote mark flips the quoted state.
    let offset = 0;
    const parts = match[0].split(/([\s\-_.,;:/\\()[\]{}<>=“”„«»"]+)/u);
    for (const part of parts) {
      const partStart = chunkStart + offset;
      offset += part.length;
      if (!part) continue;
      if (SEPARATORS.test(part) || part.includes('"')) {
        for (const ch of part) if (ch === '"' || ch === '“' || ch === '”' || ch === '«' || ch === '»' || ch === '„') quoted = !quoted;
        continue;
      }
      const word = cleanWord(part, partStart);
      if (word) tokens.push({ ...word, quoted, sentence });
    }
    // A sentence ends at . ! ? ; after a word (not inside "s.h.i.t").
    if (/[.!?;:]["”')\]]*$/u.test(match[0]) && !/^(?:\p{L}[.]){2,}\p{L}?$/u.test(match[0])) sentence++;
  }
  const merged = mergeSpacedLetters(tokens);
  let normalized = '';
  const offsets: number[] = [];
  for (const token of merged) {
    if (normalized) normalized += ' ';
    offsets.push(normalized.length);
    normalized += token.text;
  }
  return { raw, tokens: merged, normalized, offsets };
}

/** `.` `!` `?` `;` `:` end a sentence after a word. */
const SENTENCE_END = new Set([0x2e, 0x21, 0x3f, 0x3b, 0x3a]);

/**
 * The length of the ASCII letters a chunk is made of when it is a plain word, alone or followed by
 * one of `.,!?;:`; 0 for anything else (digits, symbols, quotes, other scripts, "s.h.i.t").
 */
function plainWordLength(chunk: string): number {
  let i = 0;
  while (i < chunk.length) {
    const c = chunk.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    i++;
  }
  if (i === 0) return 0;
  if (i === chunk.length) return i;
  if (i === chunk.length - 1) {
    const last = chunk.charCodeAt(i);
    if (last === 0x2c || SENTENCE_END.has(last)) return i;
  }
  return 0;
}

/** "f u c k" or "k.y.s": three or more one-letter tokens in a row become one word. */
function mergeSpacedLetters(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j < tokens.length && tokens[j]!.text.length === 1 && isLetter(tokens[j]!.text) && tokens[j]!.sentence === tokens[i]!.sentence) j++;
    if (j - i >= 3) {
      const run = tokens.slice(i, j);
      out.push({
        text: run.map((t) => t.text).join(''),
        start: run[0]!.start,
        end: run.at(-1)!.end,
        quoted: run[0]!.quoted,
        sentence: run[0]!.sentence,
        disguised: true,
      });
      i = j;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out;
}

/** Runs of a repeated letter squeezed to one ("fuuuuck" → "fuck", "shiiit" → "shit"). */
export function squeeze(word: string): string {
  let out = '';
  for (const c of word) if (out.at(-1) !== c) out += c;
  return out;
}

/** Exact original text of tokens i..j (inclusive). */
export function spanText(analysis: AnalysedText, i: number, j = i): string {
  return analysis.raw.slice(analysis.tokens[i]!.start, analysis.tokens[j]!.end);
}
