import type { Phase } from '../context.js';

/** Insults aimed at the person addressed ("you idiot", "fuck you"): held by default (`TRIBUNE_INSULTS`). */
export const insults: Phase = {
  name: 'insults',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    if (ctx.settings.insults === 'allow') return undefined;
    const found = ctx.hate.filter((f) => f.kind === 'insult');
    if (found.length === 0) return undefined;
    return { decision: ctx.settings.insults, code: 'insult', message: 'Insults the person addressed.', matched: ctx.spans(found.flatMap((f) => f.tokens)) };
  },
};
