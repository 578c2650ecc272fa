import type { Phase } from '../context.js';

/**
 * Slurs and the site's banned terms, however disguised: refused. Reclaimed use ("my nigga",
 * "I'm a proud faggot") and condemned quotes ("calling people X is not okay") are exempt, and
 * profanity is refused only when `TRIBUNE_PROFANITY` (or the disguised variant) says reject.
 */
export const bannedWords: Phase = {
  name: 'banned-words',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const s = ctx.settings;
    const hits = ctx.words.filter(
      (h) =>
        (h.category === 'banned') ||
        (h.category === 'slur' && !h.exempt) ||
        (h.category === 'profanity' && (h.disguised ? s.disguisedProfanity : s.profanity) === 'reject'),
    );
    if (hits.length === 0) return undefined;
    const slur = hits.some((h) => h.category === 'slur');
    return {
      decision: 'reject',
      code: slur ? 'slur' : hits.some((h) => h.category === 'banned') ? 'banned_word' : 'profanity',
      message: slur ? 'Contains a slur.' : 'Contains a word this site does not allow.',
      matched: hits.map((h) => h.matched),
    };
  },
};
