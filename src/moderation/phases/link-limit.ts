import type { Phase } from '../context.js';
import { isBareLink } from '../lexicon/spam.js';

/**
 * More links than `TRIBUNE_MAX_LINKS`: held. A comment that is a link and hardly a word, not
 * saying it is a source, is held too: a moderator looks before readers follow it (a source the
 * reader names, "Source: …", is published).
 */
export const linkLimit: Phase = {
  name: 'link-limit',
  kinds: ['comment'],
  run: ({ links, settings, input }) => {
    if (links.length > settings.maxLinks) {
      return { decision: 'hold', code: 'too_many_links', message: `${links.length} links (more than ${settings.maxLinks}).`, matched: links.map((l) => l.url) };
    }
    if (isBareLink(input.text, links)) {
      return { decision: 'hold', code: 'bare_link', message: 'A link with no words saying what it is.', matched: links.map((l) => l.url) };
    }
    return undefined;
  },
};
