import { afterEach, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';

let store: InProcessRateLimitStore;
afterEach(() => store?.close());

describe('in-process rate limit store', () => {
  it('allows N hits per sliding window and says how long to wait', async () => {
    let now = 1_000_000;
    store = new InProcessRateLimitStore(() => now);
    for (let i = 0; i < 3; i++) expect((await store.hit('k', 3, 10_000)).allowed).toBe(true);
    now += 4_000;
    const blocked = await store.hit('k', 3, 10_000);
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect((await store.hit('other', 3, 10_000)).allowed).toBe(true);
    now += 6_001;
    expect((await store.hit('k', 3, 10_000)).allowed).toBe(true);
  });

  it('counts an attempt under several keys on all of them or on none', async () => {
    let now = 1_000_000;
    store = new InProcessRateLimitStore(() => now);
    for (let i = 0; i < 2; i++) expect((await store.hit('address', 2, 10_000)).allowed).toBe(true);
    now += 1_000;
    // Refused by the address: the person's own key is left untouched, however often they retry.
    for (let i = 0; i < 5; i++) expect(await store.hitAll(['person', 'address'], 2, 10_000)).toEqual({ allowed: false, retryAfterMs: 9_000 });
    now += 9_000;
    expect((await store.hitAll(['person', 'address'], 2, 10_000)).allowed).toBe(true);
    expect((await store.hitAll(['person', 'address'], 2, 10_000)).allowed).toBe(true);
    expect(await store.hitAll(['person', 'other address'], 2, 10_000)).toEqual({ allowed: false, retryAfterMs: 10_000 });
  });
});

describe('in-process rate limit store bound', () => {
  it('keeps at most its number of keys, forgetting the oldest first, so a busy day cannot grow the process without end', async () => {
    store = new InProcessRateLimitStore(() => 1_000_000, 60_000, 3);
    for (const key of ['first', 'second', 'third', 'fourth']) expect((await store.hit(key, 1, 86_400_000)).allowed).toBe(true);
    expect(store.size).toBe(3);
    // The newest three are still remembered as repeats; the oldest was forgotten.
    for (const key of ['second', 'third', 'fourth']) expect((await store.hit(key, 1, 86_400_000)).allowed).toBe(false);
    expect((await store.hit('first', 1, 86_400_000)).allowed).toBe(true);
  });
});

describe('in-process rate limit store sweeper', () => {
  it('remembers a key for its whole window, not just an hour, and forgets it after', async () => {
    let now = 1_000_000;
    store = new InProcessRateLimitStore(() => now, 10);
    const day = 24 * 3_600_000;
    expect((await store.hit('repeat', 1, day)).allowed).toBe(true);
    expect((await store.hit('burst', 5, 60_000)).allowed).toBe(true);
    now += 5 * 3_600_000;
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Five hours later the burst key is gone, the same text is still refused.
    expect(store.size).toBe(1);
    expect((await store.hit('repeat', 1, day)).allowed).toBe(false);
    now += day;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.size).toBe(0);
    expect((await store.hit('repeat', 1, day)).allowed).toBe(true);
  });
});
