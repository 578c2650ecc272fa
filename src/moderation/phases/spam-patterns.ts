import type { Phase } from '../context.js';
import { SPAM_THRESHOLD, advertIn, scoreSpam } from '../lexicon/spam.js';

/** Spam by what it sells and how (lexicon/spam.ts): spam. A display name that advertises is spam too. */
export const spamPatterns: Phase = {
  name: 'spam-patterns',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    if (!ctx.settings.spamPatterns) return undefined;
    if (ctx.input.kind === 'name') {
      const ad = advertIn(ctx.analysis.normalized, ctx.links, ctx.input.text);
      return ad.length > 0 ? { decision: 'spam', code: 'spam_name', message: 'The display name is an advertisement.', matched: ad } : undefined;
    }
    const { score, signals } = scoreSpam(ctx.input.text, ctx.analysis.normalized, ctx.links);
    if (score < SPAM_THRESHOLD) return undefined;
    return {
      decision: 'spam',
      code: 'spam_pattern',
      message: `Looks like spam (${signals.map((s) => s.name).join(', ')}).`,
      matched: signals.map((s) => s.matched),
    };
  },
};
