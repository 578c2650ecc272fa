import { DEFAULT_SITE_ID } from '../../shared/site.js';
import { createHash } from 'node:crypto';
import type { Phase } from '../context.js';

/**
 * The same text again (after undoing disguises and case) within the window, in the same thread
 * by anyone, or anywhere by the same person: spam. Counted in the shared store, so it holds
 * across instances. Edits are not counted (saving an edit repeats the text by design), and
 * short texts ("Thanks!", "+1") may repeat.
 */
export const repeatedText: Phase = {
  name: 'repeated-text',
  kinds: ['comment'],
  shared: true,
  run: async (ctx) => {
    const { input, settings } = ctx;
    if (input.isEdit || input.text.trim().length < settings.repeatMinLength) return undefined;
    const digest = createHash('sha256').update(ctx.analysis.normalized).digest('base64url').slice(0, 22);
    const site = input.siteId ?? DEFAULT_SITE_ID;
    const keys = [`moderation:${site}:repeat:thread:${input.thread.key}:${digest}`];
    if (ctx.identity) keys.push(`moderation:${site}:repeat:who:${ctx.identity}:${digest}`);
    if (input.author.ipHash) keys.push(`moderation:${site}:repeat:ip:${input.author.ipHash}:${digest}`);
    let repeated = false;
    for (const key of keys) {
      const seen = await ctx.deps.counters.hit(key, 1, settings.repeatWindowMs);
      if (!seen.allowed) repeated = true;
    }
    if (!repeated) return undefined;
    return { decision: 'spam', code: 'repeated_text', message: 'The same text was posted recently.', matched: [input.text.trim().slice(0, 200)] };
  },
};
