import type { Phase } from '../context.js';

/** Site-wide or per-article pre-moderation: everything, comments with links, or a new commenter's first N. */
export const premoderation: Phase = {
  name: 'premoderation',
  kinds: ['comment'],
  run: ({ input, settings, links }) => {
    const mode = input.thread.premoderation ?? settings.premoderation;
    switch (mode) {
      case 'all':
        return { decision: 'hold', code: 'premoderation_all', message: 'Every comment here is reviewed before it is shown.', matched: [] };
      case 'links':
        return links.length > 0 ? { decision: 'hold', code: 'premoderation_links', message: 'Comments with links are reviewed before they are shown.', matched: links.map((l) => l.url) } : undefined;
      case 'first':
        return input.history.approved < settings.premoderationFirst
          ? { decision: 'hold', code: 'premoderation_first', message: `A new commenter's first ${settings.premoderationFirst} comment(s) are reviewed before they are shown.`, matched: [] }
          : undefined;
      default:
        return undefined;
    }
  },
};
