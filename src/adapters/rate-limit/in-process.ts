import type { RateLimitDecision, RateLimitStore } from './rate-limit.js';

/** A sliding log per key: exact, and small because limits are small numbers. */
export class InProcessRateLimitStore implements RateLimitStore {
  private readonly hits = new Map<string, number[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now, sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const now = this.now();
    const since = now - windowMs;
    const log = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (log.length >= limit) {
      this.hits.set(key, log);
      return { allowed: false, retryAfterMs: Math.max(1, log[0]! + windowMs - now) };
    }
    log.push(now);
    this.hits.set(key, log);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Drops keys whose hits are all older than an hour, so memory follows active clients only. */
  private sweep(): void {
    const since = this.now() - 3_600_000;
    for (const [key, log] of this.hits) {
      if (log.every((t) => t <= since)) this.hits.delete(key);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.hits.clear();
  }
}
