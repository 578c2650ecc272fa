import { afterAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/adapters/bus/redis.js';
import type { TribuneEvent } from '../../src/adapters/bus/bus.js';
import { RedisRateLimitStore } from '../../src/adapters/rate-limit/redis.js';
import { REDIS_URL, redisMissing, testRedisPrefix } from '../support/redis.js';

const missing = await redisMissing();
const closing: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of closing) await c.close();
});
const fail = (error: Error) => {
  throw error;
};

describe.skipIf(missing)('Redis event bus', () => {
  it('delivers an event to every instance once, its own listeners at once', async () => {
    const prefix = testRedisPrefix();
    const one = await RedisBus.connect(REDIS_URL, prefix, fail);
    const two = await RedisBus.connect(REDIS_URL, prefix, fail);
    const elsewhere = await RedisBus.connect(REDIS_URL, testRedisPrefix(), fail);
    closing.push(one, two, elsewhere);
    const heard: Record<string, TribuneEvent[]> = { one: [], two: [], elsewhere: [] };
    one.subscribe((e) => heard.one!.push(e));
    two.subscribe((e) => heard.two!.push(e));
    elsewhere.subscribe((e) => heard.elsewhere!.push(e));
    const event: TribuneEvent = { type: 'comment.posted', siteId: 'default', threadKey: 'harbour', commentId: 7 };
    one.publish(event);
    expect(heard.one).toEqual([event]);
    await expect.poll(() => heard.two, { timeout: 3000 }).toEqual([event]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.one).toEqual([event]);
    expect(heard.elsewhere).toEqual([]);
  });
});

describe.skipIf(missing)('Redis rate limit store', () => {
  async function store(now: () => number) {
    const s = await RedisRateLimitStore.connect(REDIS_URL, testRedisPrefix(), fail, now);
    closing.push(s);
    return s;
  }

  it('allows N hits per sliding window and says how long to wait, as the in-process store does', async () => {
    let now = 1_000_000;
    const limits = await store(() => now);
    for (let i = 0; i < 3; i++) expect((await limits.hit('k', 3, 10_000)).allowed).toBe(true);
    now += 4_000;
    expect(await limits.hit('k', 3, 10_000)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect((await limits.hit('other', 3, 10_000)).allowed).toBe(true);
    now += 6_001;
    expect((await limits.hit('k', 3, 10_000)).allowed).toBe(true);
  });

  it('counts an attempt under several keys on all of them or on none', async () => {
    let now = 1_000_000;
    const limits = await store(() => now);
    for (let i = 0; i < 2; i++) expect((await limits.hit('address', 2, 10_000)).allowed).toBe(true);
    now += 1_000;
    for (let i = 0; i < 5; i++) expect(await limits.hitAll(['person', 'address'], 2, 10_000)).toEqual({ allowed: false, retryAfterMs: 9_000 });
    now += 9_000;
    expect((await limits.hitAll(['person', 'address'], 2, 10_000)).allowed).toBe(true);
    expect((await limits.hitAll(['person', 'address'], 2, 10_000)).allowed).toBe(true);
    expect(await limits.hitAll(['person', 'other address'], 2, 10_000)).toEqual({ allowed: false, retryAfterMs: 10_000 });
  });

  it('lets exactly the limit through when two instances are hit at the same moment', async () => {
    const prefix = testRedisPrefix();
    const a = await RedisRateLimitStore.connect(REDIS_URL, prefix, fail);
    const b = await RedisRateLimitStore.connect(REDIS_URL, prefix, fail);
    closing.push(a, b);
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hitAll(['person', 'address'], 5, 60_000)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterMs > 0 && d.retryAfterMs <= 60_000)).toBe(true);
  });
});
