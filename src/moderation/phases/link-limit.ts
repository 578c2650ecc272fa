import type { Phase } from '../context.js';

/** More links than `TRIBUNE_MAX_LINKS`: held. */
export const linkLimit: Phase = {
  name: 'link-limit',
  kinds: ['comment'],
  run: ({ links, settings }) =>
    links.length > settings.maxLinks
      ? { decision: 'hold', code: 'too_many_links', message: `${links.length} links (more than ${settings.maxLinks}).`, matched: links.map((l) => l.url) }
      : undefined,
};
