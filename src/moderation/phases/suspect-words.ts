import type { Phase } from '../context.js';

/** Words that need a person's eye (mild slurs, the site's suspect list, disguised profanity): held. */
export const suspectWords: Phase = {
  name: 'suspect-words',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const s = ctx.settings;
    const hits = ctx.words.filter(
      (h) =>
        h.category === 'suspect' ||
        (h.category === 'slur-mild' && !h.exempt) ||
        (h.category === 'profanity' && ((h.disguised ? s.disguisedProfanity : s.profanity) === 'hold' || (ctx.input.kind === 'name' && s.profanity !== 'allow'))),
    );
    if (hits.length === 0) return undefined;
    const disguised = hits.every((h) => h.category === 'profanity' && h.disguised);
    return {
      decision: 'hold',
      code: disguised ? 'disguised_profanity' : 'suspect_word',
      message: disguised ? 'Contains disguised profanity.' : 'Contains a word that needs review.',
      matched: hits.map((h) => h.matched),
    };
  },
};
