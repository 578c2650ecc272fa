import type { Phase } from '../context.js';

/** A link to a blocked domain or one of its subdomains: spam. */
export const blockedDomains: Phase = {
  name: 'blocked-domains',
  kinds: ['comment', 'name'],
  run: ({ links, settings }) => {
    if (settings.blockedDomains.length === 0) return undefined;
    const bad = links.filter((l) => settings.blockedDomains.some((d) => l.host === d || l.host.endsWith(`.${d}`)));
    if (bad.length === 0) return undefined;
    return { decision: 'spam', code: 'blocked_domain', message: `Links to a blocked domain (${bad[0]!.host}).`, matched: bad.map((l) => l.url) };
  },
};
