import type { RateLimitDecision, RateLimitStore } from './rate-limit.js';

interface Log {
  /** Hit times, oldest first. */
  hits: number[];
  /** The longest window this key was asked about: it is kept at least that long after its last hit. */
  windowMs: number;
}

/** A sliding log per key: exact, and small because limits are small numbers. */
export class InProcessRateLimitStore implements RateLimitStore {
  private readonly logs = new Map<string, Log>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now, sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    return this.hitAll([key], limit, windowMs);
  }

  async hitAll(keys: string[], limit: number, windowMs: number): Promise<RateLimitDecision> {
    const now = this.now();
    const logs = keys.map((key) => this.current(key, windowMs, now));
    let retryAfterMs = 0;
    for (const log of logs) {
      if (log.hits.length >= limit) retryAfterMs = Math.max(retryAfterMs, 1, log.hits[0]! + windowMs - now);
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    for (const log of logs) log.hits.push(now);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** The key's log with the hits older than the window dropped. */
  private current(key: string, windowMs: number, now: number): Log {
    let log = this.logs.get(key);
    if (!log) {
      log = { hits: [], windowMs };
      this.logs.set(key, log);
    }
    log.windowMs = Math.max(log.windowMs, windowMs);
    // Hits are in time order, so the expired ones are a prefix.
    let expired = 0;
    while (expired < log.hits.length && log.hits[expired]! <= now - windowMs) expired++;
    if (expired > 0) log.hits.splice(0, expired);
    return log;
  }

  /**
   * Drops keys whose last hit is older than their own window, so memory follows active clients
   * only, and a 24-hour window (repeated text) is still honoured after an hour of quiet.
   */
  private sweep(): void {
    const now = this.now();
    for (const [key, log] of this.logs) {
      const last = log.hits.at(-1);
      if (last === undefined || last <= now - log.windowMs) this.logs.delete(key);
    }
  }

  /** Keys held in memory; for tests of the sweeper. */
  get size(): number {
    return this.logs.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.logs.clear();
  }
}
