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
});
