import type { Phase } from '../context.js';

/**
 * A commenter with enough approved comments and few refused ones goes straight through: the
 * soft phases after this one (spam patterns, suspect words, insults, links, pre-moderation) are
 * skipped, as long as under half the distrust ratio of their decided comments were refused.
 * One whose comments were often refused or marked spam is held.
 */
export const reputation: Phase = {
  name: 'reputation',
  kinds: ['comment'],
  run: ({ input, settings }) => {
    const { approved, rejected, spam } = input.history;
    const bad = rejected + spam;
    const decided = approved + bad;
    if (bad >= settings.distrustAfter && bad / decided >= settings.distrustRatio) {
      return { decision: 'hold', code: 'poor_history', message: `${bad} of this commenter's ${decided} earlier comments were refused or spam.`, matched: [] };
    }
    if (approved >= settings.trustedAfter && bad / decided < settings.distrustRatio / 2) {
      return { decision: 'publish', code: 'trusted', message: `${approved} earlier comments approved.`, matched: [] };
    }
    return undefined;
  },
};
