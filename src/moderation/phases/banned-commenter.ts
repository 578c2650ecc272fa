import type { Phase } from '../context.js';

/**
 * A commenter a moderator banned or suspended (by e-mail, hashed IP or reader cookie) is refused
 * with the reason they were given, and until when, so they know where they stand.
 */
export const bannedCommenter: Phase = {
  name: 'banned-commenter',
  kinds: ['comment'],
  run: ({ input }) => {
    const ban = input.ban;
    if (!ban) return undefined;
    const until = ban.until === null ? '' : ` until ${new Date(ban.until).toUTCString().replace(/:\d\d GMT$/, ' UTC')}`;
    return {
      decision: 'reject',
      code: 'banned',
      message: `You cannot comment here${until}. The moderators gave this reason: ${ban.reason}`,
      matched: [],
    };
  },
};
