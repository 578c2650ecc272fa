import { DEFAULT_SITE_ID } from '../../shared/site.js';
import type { Phase } from '../context.js';

/**
 * Per hashed IP and per identity, sliding windows in the shared counter store.
 * A burst beyond `rate` is refused ("try again in N s"): nothing is stored, the commenter can
 * simply retry, and a robot cannot fill the queue. Sustained volume beyond `flood` within the
 * hour is held: a very active person loses nothing and a moderator decides, while the burst
 * limit already caps how fast a robot can add to the queue.
 */
export const rateFlood: Phase = {
  name: 'rate-flood',
  kinds: ['comment'],
  shared: true,
  run: async (ctx) => {
    if (!ctx.rateLimitsEnabled) return undefined;
    const keys = [ctx.identity, ctx.input.author.ipHash ? `ip:${ctx.input.author.ipHash}` : null].filter((k): k is string => k !== null);
    const { rate, flood } = ctx.settings;
    const site = ctx.input.siteId ?? DEFAULT_SITE_ID;
    // All keys at once: a refused retry must not use up the person's count while their address waits.
    const burst = await ctx.deps.counters.hitAll(keys.map((key) => `moderation:${site}:rate:${key}`), rate.limit, rate.windowMs);
    if (!burst.allowed) {
      const wait = Math.ceil(burst.retryAfterMs / 1000);
      return { decision: 'reject', code: 'rate_limited', message: `Too many comments in a short time: try again in ${wait} s.`, matched: [], retryAfterMs: burst.retryAfterMs };
    }
    for (const key of keys) {
      const hour = await ctx.deps.counters.hit(`moderation:${site}:flood:${key}`, flood.limit, flood.windowMs);
      if (!hour.allowed) {
        return { decision: 'hold', code: 'flood', message: `More than ${flood.limit} comments in ${Math.round(flood.windowMs / 60_000)} min: held for review.`, matched: [] };
      }
    }
    return undefined;
  },
};
