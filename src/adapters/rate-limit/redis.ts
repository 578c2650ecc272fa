import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis, withinStartup } from '../redis-connection.js';
import type { RateLimitDecision, RateLimitStore } from './rate-limit.js';

/**
 * The in-process store's sliding log, as one sorted set per key (score and member: the hit's
 * time), checked and counted in one Lua script: every key is checked, then the hit is counted on
 * all of them or none, with no other instance's hit in between. Time is Redis's own clock (or
 * the caller's, in tests), so instances whose clocks differ still agree.
 * KEYS: the keys. ARGV: limit, window in ms, a unique tag for this hit, the time in ms or "".
 * Returns 0 when counted, else how long to wait in ms.
 */
const HIT_ALL = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local wait = 0
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local left = tonumber(oldest[2]) + window - now
    if left < 1 then left = 1 end
    if left > wait then wait = left end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, now .. ':' .. ARGV[3])
  -- Kept for the longest window this key was asked about.
  if redis.call('PTTL', key) < window then redis.call('PEXPIRE', key, window) end
end
return 0
`;

type WithHitAll = Redis & { tribuneHitAll(numberOfKeys: number, ...args: (string | number)[]): Promise<number> };

/** Rate-limit counters shared by every instance through Redis (`REDIS_URL`). */
export class RedisRateLimitStore implements RateLimitStore {
  private constructor(
    private readonly redis: WithHitAll,
    private readonly prefix: string,
    private readonly onError: (error: Error) => void,
    private readonly now?: () => number,
  ) {}

  static async connect(url: string, prefix: string, onError: (error: Error) => void, now?: () => number): Promise<RedisRateLimitStore> {
    const redis = connectRedis(url, onError);
    redis.defineCommand('tribuneHitAll', { lua: HIT_ALL });
    try {
      await withinStartup(redis.connect());
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return new RedisRateLimitStore(redis as WithHitAll, prefix, onError, now);
  }

  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    return this.hitAll([key], limit, windowMs);
  }

  /**
   * While Redis does not answer, hits are allowed (and the failure reported): readers keep
   * commenting through an outage, moderation's other phases still judge every comment.
   */
  async hitAll(keys: string[], limit: number, windowMs: number): Promise<RateLimitDecision> {
    let wait: number;
    try {
      wait = await this.count(keys, limit, windowMs);
    } catch (error) {
      this.onError(error as Error);
      return { allowed: true, retryAfterMs: 0 };
    }
    return wait > 0 ? { allowed: false, retryAfterMs: Number(wait) } : { allowed: true, retryAfterMs: 0 };
  }

  private count(keys: string[], limit: number, windowMs: number): Promise<number> {
    return this.redis.tribuneHitAll(
      keys.length,
      ...keys.map((key) => `${this.prefix}rate:${key}`),
      limit,
      Math.max(1, Math.round(windowMs)),
      randomBytes(6).toString('base64url'),
      this.now ? String(Math.floor(this.now())) : '',
    );
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => {});
  }
}
