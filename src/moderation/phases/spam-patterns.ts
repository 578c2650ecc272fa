import type { Phase } from '../context.js';
import { SPAM_THRESHOLD, scoreSpam } from '../lexicon/spam.js';

/** Self-promotion, calls to subscribe, money offers, link bait (lexicon/spam.ts): spam. */
export const spamPatterns: Phase = {
  name: 'spam-patterns',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    if (!ctx.settings.spamPatterns) return undefined;
    const { score, signals } = scoreSpam(ctx.input.text, ctx.analysis.normalized);
    if (ctx.input.kind === 'name') {
      // A name that is an advertisement: a link, or "subscribe to …".
      const ad = signals.filter((s) => s.name === 'link' || s.name === 'subscribe' || s.name === 'money offer');
      return ad.length > 0 ? { decision: 'spam', code: 'spam_name', message: 'The display name is an advertisement.', matched: ad.map((s) => s.matched) } : undefined;
    }
    if (score < SPAM_THRESHOLD) return undefined;
    return {
      decision: 'spam',
      code: 'spam_pattern',
      message: `Looks like spam (${signals.map((s) => s.name).join(', ')}).`,
      matched: signals.map((s) => s.matched),
    };
  },
};
