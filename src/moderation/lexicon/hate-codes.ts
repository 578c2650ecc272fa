/**
 * The codes and slogans hate movements sign with ("1488", "sieg heil", "day of the rope"): exact
 * where the rules should be exact. A comment that quotes one to condemn it is counter-speech and
 * is left to the caller; a display name has no such excuse, so names are also refused for the
 * movement's names and numbers alone ("88", "Nazi", "KKK").
 */

const IN_ANY_TEXT = [
  /\b14 ?88\b/, /\b(?:heil|seig|sieg) (?:hitler|heil)\b/, /\bhitler (?:was|is) right\b/, /\bhitler did nothing wrong\b/, /\bwhite power\b/,
  /\brahowa\b/, /\bracial holy war\b/, /\bday of the rope\b/, /\brace war now\b/, /\bgas the (?:jews|kikes|muslims|gays|blacks|\w+s)\b/,
  /\bsix million (?:wasnt|was not|is not|isnt) enough\b/, /\bzyklon\b/, /\boven dodgers?\b/, /\b(?:jews|muslims|blacks|immigrants|gays) will not replace us\b/,
  /\bwhite pride world ?wide\b/,
];
const IN_NAMES = [/\b(?:neo ?)?nazis?\b/, /\bkkk\b/, /\bklans?(?:man|men)?\b/, /\bhhbb\b/, /\bhh ?88\b/, /\bfinal solution\b/, /\bethno ?state\b/, /\bwhite genocide\b/, /\bgreat replacement\b/, /\bwhite pride\b/];

/** The hate codes in normalised text; `name` adds the ones no display name can carry innocently. */
export function hateCodesIn(normalized: string, kind: 'comment' | 'name'): string[] {
  const found: string[] = [];
  for (const pattern of kind === 'name' ? [...IN_ANY_TEXT, ...IN_NAMES] : IN_ANY_TEXT) {
    const match = pattern.exec(normalized);
    if (match) found.push(match[0]);
  }
  return found;
}
