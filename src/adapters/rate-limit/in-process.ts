import type { RateLimitDecision, RateLimitStore } from './rate-limit.js';

/**
 * One key's sliding log in one array, to keep a key small: `[windowMs, hit, hit, …]`, hits oldest
 * first. `windowMs` is the longest window this key was asked about: it is kept at least that long
 * after its last hit.
 */
type Log = number[];

/** Keys kept at most; past it the oldest key is dropped first. About 350 bytes each. */
export const DEFAULT_MAX_KEYS = 100_000;

/**
 * A sliding log per key: exact, and small because limits are small numbers. Most keys are hit
 * once (the repeated-text phase keeps three digests per comment for 24 hours), so memory follows
 * the number of keys: they are bounded (`maxKeys`, the oldest dropped first), so a busy
 * day cannot grow the process without end. Several instances, or a longer memory, need Redis.
 */
export class InProcessRateLimitStore implements RateLimitStore {
  private readonly logs = new Map<string, Log>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    sweepEveryMs = 60_000,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
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
      if (log.length - 1 >= limit) retryAfterMs = Math.max(retryAfterMs, 1, log[1]! + windowMs - now);
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    for (const log of logs) log.push(now);
    // Keys are in the order they were first hit: when full, the oldest goes first.
    while (this.logs.size > this.maxKeys) this.logs.delete(this.logs.keys().next().value!);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** The key's log with the hits older than the window dropped. */
  private current(key: string, windowMs: number, now: number): Log {
    let log = this.logs.get(key);
    if (!log) {
      // Keys are built with `+` and `${}`: flattened now, a kept key is one string, not a chain of its parts.
      void Number(key);
      log = [windowMs];
      this.logs.set(key, log);
    }
    log[0] = Math.max(log[0]!, windowMs);
    // Hits are in time order, so the expired ones are a prefix.
    let expired = 0;
    while (expired + 1 < log.length && log[expired + 1]! <= now - windowMs) expired++;
    if (expired > 0) log.splice(1, expired);
    return log;
  }

  /**
   * Drops keys whose last hit is older than their own window, so memory follows active clients
   * only, and a 24-hour window (repeated text) is still honoured after an hour of quiet.
   */
  private sweep(): void {
    const now = this.now();
    for (const [key, log] of this.logs) {
      const last = log.length > 1 ? log.at(-1)! : undefined;
      if (last === undefined || last <= now - log[0]!) this.logs.delete(key);
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
